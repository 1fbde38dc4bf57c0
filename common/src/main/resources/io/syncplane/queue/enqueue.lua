-- enqueue: one entry per (connection, source). ARGV[3] push debounce ms, [4] '1' when running jobs are counted per
-- connection (the concurrency cap can bind), then 6-tuples: member, lane, trigger id, mode id, due ms, '1' when the
-- trigger is a push.
-- Returns one outcome per tuple: enqueued | debounced | coalesced | pending | dead.
local debounce = tonumber(ARGV[3])
local counted = ARGV[4] == '1'
local count = (#ARGV - 4) / 6
local seq = redis.call('HINCRBY', META, 'sq', count) - count
local now_text = fmt(NOW)
local out = {}

-- The batch's entries are read in one HMGET and what it changes is written in one HSET at the end; in between the
-- records live here, so an entry that appears twice in a batch sees its own earlier trigger.
local members = {}
for i = 0, count - 1 do members[i + 1] = ARGV[5 + i * 6] end
local stored = chunked_read('HMGET', JOBS, members)
local records, written = {}, {}
for i = 1, count do
  if records[members[i]] == nil then records[members[i]] = stored[i] end
end
local function keep(member, record)
  if not written[member] then written[#written + 1] = member; written[member] = true end
  records[member] = record
end
local function keep_job(member, j) keep(member, encode_job(j)) end

-- New placements are staged and written with one ZADD per set at the end; an entry staged earlier in this batch is
-- found here rather than in Redis.
local staged, staged_order = {}, {}
local function stage(member, lane, due, seq_no)
  if not staged[member] then staged_order[#staged_order + 1] = member end
  staged[member] = { lane, due, seq_no }
end

-- A trigger for an entry that is already waiting: keep the earliest due time (but never ahead of a backoff), the most
-- urgent lane with its trigger, FULL over INCREMENTAL; move the entry only when its lane or due time changed.
local function coalesce_waiting(member, j, lane, trig, mode, due, seq_no)
  if j.pk and not counted then
    -- Parked while the cap could bind, but no longer counted (the cap was raised): nothing would ever unpark it.
    j.pk = false
    redis.call('ZREM', park_key(connection_of(member)), member)
    redis.call('HINCRBY', META, 'pk', -1)
    stage(member, j.ln, j.du, seq_no)
  end
  local new_due = math.max(math.min(j.du, due), j.nb)
  local new_lane, new_trig = j.ln, j.tr
  if lane < j.ln then new_lane = lane; new_trig = trig end
  if (new_lane ~= j.ln or new_due < j.du) and not j.pk then
    local s = staged[member]
    if s then
      stage(member, new_lane, new_due, s[3])
    else
      local score = redis.call('ZSCORE', READY[j.ln + 1], member)
      if score then
        if new_lane ~= j.ln then
          redis.call('ZREM', READY[j.ln + 1], member)
          redis.call('ZADD', READY[new_lane + 1], score, member)
        end
      else
        -- Delayed (not yet due, or deferred by the limiter, whose time may lie past du; claim re-defers if need be).
        redis.call('ZREM', DELAYED[j.ln + 1], member)
        stage(member, new_lane, new_due, seq_no)
      end
    end
  end
  -- A parked entry stays parked (its connection is at its cap); only its fields change.
  j.ln = new_lane; j.tr = new_trig; j.md = merged_mode(j.md, mode); j.du = new_due
  keep_job(member, j)
  return 'coalesced'
end

-- A trigger while the job runs: remember it as pending, so exactly one more run follows the current one.
local function mark_pending(member, j, lane, trig, mode, due)
  local outcome = 'coalesced'
  if not j.pl then
    j.pl = lane; j.pt = trig; j.pm = mode; j.pd = due
    outcome = 'pending'
  else
    if lane < j.pl then j.pl = lane; j.pt = trig end
    j.pm = merged_mode(j.pm, mode)
    j.pd = math.min(j.pd, due)
  end
  keep_job(member, j)
  return outcome
end

for i = 0, count - 1 do
  local b = 5 + i * 6
  local member, lane, trig, mode, due = ARGV[b], tonumber(ARGV[b + 1]), ARGV[b + 2], ARGV[b + 3], tonumber(ARGV[b + 4])
  local debounced = false
  -- Push debounce, leading edge: a push starts a run at once unless a push-triggered run of this entry started less
  -- than the window ago (claim records those starts in GATES); then it is due when the window ends, and every later
  -- push of the burst coalesces into that one run.
  if ARGV[b + 5] == '1' and debounce > 0 then
    local started = tonumber(redis.call('ZSCORE', GATES, member))
    if started and started + debounce > due then
      due = started + debounce
      debounced = true
    end
  end
  -- A new entry: what encode_job would write for {st = w, ln, tr, md, du, wa = now, at = 0, nb = 0}.
  local fresh = WAITING_PREFIX .. ARGV[b + 1] .. '|' .. trig .. '|' .. mode .. '|' .. (debounced and fmt(due) or ARGV[b + 4])
    .. '|' .. now_text .. '|0|0|||'
  local record = records[member]
  if not record then
    keep(member, fresh)
    stage(member, lane, due, seq + i)
    out[i + 1] = debounced and 'debounced' or 'enqueued'
  else
    local j = decode_job(record)
    if j.st == 'w' then
      out[i + 1] = coalesce_waiting(member, j, lane, trig, mode, due, seq + i)
    elseif j.st == 'r' then
      out[i + 1] = mark_pending(member, j, lane, trig, mode, due)
    else
      -- Dead letters stay put until re-driven: a trigger must not quietly restart a job that failed N times in a row.
      out[i + 1] = 'dead'
    end
  end
end

if #written > 0 then
  local fields = {}
  for _, member in ipairs(written) do
    fields[#fields + 1] = member
    fields[#fields + 1] = records[member]
  end
  chunked('HSET', JOBS, fields)
end

local ready_adds, delayed_adds = { {}, {}, {} }, { {}, {}, {} }
for _, member in ipairs(staged_order) do
  local s = staged[member]
  local lane, due = s[1] + 1, s[2]
  local adds = due <= NOW and ready_adds[lane] or delayed_adds[lane]
  adds[#adds + 1] = due <= NOW and ready_score(due, s[3]) or due
  adds[#adds + 1] = member
end
for lane = 1, 3 do
  if #ready_adds[lane] > 0 then chunked('ZADD', READY[lane], ready_adds[lane]) end
  if #delayed_adds[lane] > 0 then chunked('ZADD', DELAYED[lane], delayed_adds[lane]) end
end
return out
