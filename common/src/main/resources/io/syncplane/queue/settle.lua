-- settle: ends leases. ARGV[3] consecutive failures that dead-letter a job, then 5-tuples:
-- op, member, lease token, a, b with op
--   ack      the run succeeded: a pending trigger becomes the next waiting entry, else the entry is gone
--   retry    a = error, b = retry at ms: one more failure; dead-lettered at the limit
--   limit    a = until ms, b = burst tolerance ms of the job's source: Google said slow down; no failure counted,
--            and the connection's bucket is pushed so its other sources wait too
--   release  graceful hand-back: back to waiting at its old due time, nothing counted
-- Returns per tuple: done | requeued | retry | dead | deferred | released | lost (the lease is not this token's).
local max_failures = tonumber(ARGV[3])
local out = {}
for b = 4, #ARGV, 5 do
  local op, member, token = ARGV[b], ARGV[b + 1], ARGV[b + 2]
  local j = read_running(member)
  local outcome
  if j[1] ~= 'r' or j[2] ~= token then
    outcome = 'lost'
  else
    redis.call('ZREM', LEASES, member)
    local conn = connection_of(member)
    if op == 'ack' then
      release_slot(conn)
      if j[8] then
        -- The finished run served its own trigger; the next one serves what arrived meanwhile.
        redis.call('HDEL', job_key(member), 'er')
        requeue(member, tonumber(j[8]), j[9], j[10], tonumber(j[11]), 0, 0, nil)
        outcome = 'requeued'
      else
        redis.call('DEL', job_key(member))
        outcome = 'done'
      end
    elseif op == 'retry' then
      release_slot(conn)
      outcome = fail(member, j, ARGV[b + 3], tonumber(ARGV[b + 4]), max_failures)
    elseif op == 'limit' then
      local untl = tonumber(ARGV[b + 3])
      -- The bucket restarts empty at `until`: no burst right after Google throttled us.
      release_slot(conn, untl + tonumber(ARGV[b + 4]), untl)
      local lane, trig, mode = fold_pending(j)
      requeue(member, lane, trig, mode, untl, tonumber(j[7]) or 0, untl, nil)
      outcome = 'deferred'
    elseif op == 'release' then
      release_slot(conn)
      local lane, trig, mode = fold_pending(j)
      requeue(member, lane, trig, mode, tonumber(j[4]), tonumber(j[7]) or 0, tonumber(j[13]) or 0, nil)
      outcome = 'released'
    else
      return redis.error_reply('unknown settle op ' .. tostring(op))
    end
  end
  out[#out + 1] = outcome
end
return out
