-- enqueue: one entry per (connection, source). ARGV[3] push debounce ms, then 6-tuples:
-- member, lane, trigger id, mode id, due ms, '1' when the trigger is a push.
-- Returns one outcome per tuple: enqueued | debounced | coalesced | pending | dead.
local debounce = tonumber(ARGV[3])
local count = (#ARGV - 3) / 6
local seq = redis.call('HINCRBY', META, 'sq', count) - count
local out = {}

-- A trigger for an entry that is already waiting: keep the earliest due time (but never ahead of a backoff), the most
-- urgent lane with its trigger, FULL over INCREMENTAL; move the entry only when its lane or due time changed.
local function coalesce_waiting(member, j, lane, trig, mode, due, seq_no)
  local old_lane, old_due, nb = tonumber(j[2]), tonumber(j[3]), tonumber(j[4]) or 0
  local new_due = math.max(math.min(old_due, due), nb)
  local new_lane, new_trig = old_lane, j[6]
  if lane < old_lane then new_lane = lane; new_trig = trig end
  if (new_lane ~= old_lane or new_due < old_due) and not j[5] then
    local score = redis.call('ZSCORE', READY[old_lane + 1], member)
    if score then
      if new_lane ~= old_lane then
        redis.call('ZREM', READY[old_lane + 1], member)
        redis.call('ZADD', READY[new_lane + 1], score, member)
      end
    else
      -- Delayed (not yet due, or deferred by the limiter, whose time may lie past du; claim re-defers if need be).
      redis.call('ZREM', DELAYED[old_lane + 1], member)
      place(member, new_lane, new_due, seq_no)
    end
  end
  -- A parked entry stays parked (its connection is at its cap); only its fields change.
  redis.call('HSET', job_key(member), 'ln', new_lane, 'tr', new_trig, 'md', merged_mode(j[7], mode), 'du', fmt(new_due))
  return 'coalesced'
end

-- A trigger while the job runs: remember it as pending, so exactly one more run follows the current one.
local function mark_pending(member, j, lane, trig, mode, due)
  local jk = job_key(member)
  if not j[8] then
    redis.call('HSET', jk, 'pl', lane, 'pt', trig, 'pm', mode, 'pd', fmt(due))
    return 'pending'
  end
  local pl, pt = tonumber(j[8]), j[9]
  if lane < pl then pl = lane; pt = trig end
  redis.call('HSET', jk, 'pl', pl, 'pt', pt, 'pm', merged_mode(j[10], mode), 'pd', fmt(math.min(tonumber(j[11]), due)))
  return 'coalesced'
end

for i = 0, count - 1 do
  local b = 4 + i * 6
  local member, lane, trig, mode, due = ARGV[b], tonumber(ARGV[b + 1]), ARGV[b + 2], ARGV[b + 3], tonumber(ARGV[b + 4])
  local debounced = false
  -- Push debounce, leading edge: a push starts a run at once unless a run of this entry started less than the window
  -- ago; then it is due when the window ends, and every later push of the burst coalesces into that one run.
  if ARGV[b + 5] == '1' and debounce > 0 then
    local started = tonumber(redis.call('GET', gate_key(member)))
    if started and started + debounce > due then
      due = started + debounce
      debounced = true
    end
  end
  local j = redis.call('HMGET', job_key(member), 'st', 'ln', 'du', 'nb', 'pk', 'tr', 'md', 'pl', 'pt', 'pm', 'pd')
  local st = j[1]
  if not st then
    redis.call('HSET', job_key(member), 'st', 'w', 'ln', lane, 'tr', trig, 'md', mode, 'du', fmt(due), 'wa', fmt(NOW),
      'at', 0)
    place(member, lane, due, seq + i)
    out[i + 1] = debounced and 'debounced' or 'enqueued'
  elseif st == 'w' then
    out[i + 1] = coalesce_waiting(member, j, lane, trig, mode, due, seq + i)
  elseif st == 'r' then
    out[i + 1] = mark_pending(member, j, lane, trig, mode, due)
  else
    -- Dead letters stay put until re-driven: a trigger must not quietly restart a job that failed N times in a row.
    out[i + 1] = 'dead'
  end
end
return out
