-- settle: ends leases. ARGV[3] consecutive failures that dead-letter a job, [4] '1' when running jobs are counted per
-- connection (the concurrency cap can bind), then tuples op, member, lease token[, a, b] with op
--   ack      the run succeeded: a pending trigger becomes the next waiting entry, else the entry is gone
--   next     a = due ms, b = lane, c = mode: the run succeeded and the ledger has scheduled the source's next run; a
--            pending trigger becomes the next waiting entry as with ack (its own completion schedules the one after),
--            else the entry waits, scheduled, until a. So the next run travels with the completion and no scheduler
--            has to be alive for it; the scanner only repairs what Redis lost.
--   release  graceful hand-back: back to waiting at its old due time, nothing counted
--   retry    a = error, b = retry at ms: one more failure; dead-lettered at the limit
--   limit    a = until ms, b = burst tolerance ms of the job's source: Google said slow down; no failure counted,
--            and the connection's bucket is pushed so its other sources wait too
--   defer    a = until ms: the user's own request budget ran out mid-run; the job waits until a, no failure
--            counted, the connection's bucket untouched (the budget itself decides who goes next)
-- Returns per tuple: done | requeued | scheduled | retry | dead | deferred | released | lost (the lease is not this
-- token's).
local max_failures = tonumber(ARGV[3])
local counted = ARGV[4] == '1'
local out = {}
local ended = {}
local ARITY = { ack = 3, release = 3, next = 6, retry = 5, limit = 5, defer = 4 }
local starts, members = {}, {}
local b = 5
while b <= #ARGV do
  local arity = ARITY[ARGV[b]]
  if not arity then return redis.error_reply('unknown settle op ' .. tostring(ARGV[b])) end
  starts[#starts + 1] = b
  members[#members + 1] = ARGV[b + 1]
  b = b + arity
end
-- Every entry is read in one HMGET, and plain acks are deleted in one HDEL at the end. A member settled twice in one
-- call is read again (after the deletions so far), as its first settlement may have changed it.
local records = #members > 0 and chunked_read('HMGET', JOBS, members) or {}
local seen, removed = {}, {}
for t = 1, #starts do
  b = starts[t]
  local op, member, token = ARGV[b], ARGV[b + 1], ARGV[b + 2]
  local record = records[t]
  if seen[member] then
    if #removed > 0 then chunked('HDEL', JOBS, removed); removed = {} end
    record = redis.call('HGET', JOBS, member)
  end
  seen[member] = true
  -- The common case, read off the record's prefix without making a string: "r|<token>|<worker>|" followed by an
  -- empty pending lane, i.e. an ack of a job still held by this token with nothing pending.
  local held, pending = false, true
  if record and string.byte(record, 1) == 114 and string.byte(record, 2) == 124
      and string.find(record, token, 3, true) == 3 and string.byte(record, 3 + #token) == 124 then
    held = true
    local worker_end = string.find(record, '|', 4 + #token, true)
    pending = not worker_end or string.byte(record, worker_end + 1) ~= 124
  end
  local outcome
  if not held then
    outcome = 'lost'
  elseif op == 'ack' and not pending and not counted then
    ended[#ended + 1] = member
    removed[#removed + 1] = member
    outcome = 'done'
  else
    local j = decode_job(record)
    ended[#ended + 1] = member
    local conn = connection_of(member)
    if op == 'ack' or op == 'next' then
      if counted then release_slot(conn) end
      if j.pl then
        -- The finished run served its own trigger; the next one serves what arrived meanwhile.
        j.er = nil
        requeue(member, j, j.pl, j.pt, j.pm, j.pd, 0, 0)
        outcome = 'requeued'
      elseif op == 'next' then
        j.er = nil
        requeue(member, j, tonumber(ARGV[b + 4]), 'schedule', ARGV[b + 5], tonumber(ARGV[b + 3]), 0, 0)
        outcome = 'scheduled'
      else
        removed[#removed + 1] = member
        outcome = 'done'
      end
    elseif op == 'retry' then
      if counted then release_slot(conn) end
      outcome = fail(member, j, ARGV[b + 3], tonumber(ARGV[b + 4]), max_failures)
    elseif op == 'limit' then
      local untl = tonumber(ARGV[b + 3])
      -- The bucket restarts empty at `until`: no burst right after Google throttled us.
      release_slot(conn, untl + tonumber(ARGV[b + 4]), untl, counted)
      local lane, trig, mode = fold_pending(j)
      requeue(member, j, lane, trig, mode, untl, j.at, untl)
      outcome = 'deferred'
    elseif op == 'defer' then
      if counted then release_slot(conn) end
      local untl = tonumber(ARGV[b + 3])
      local lane, trig, mode = fold_pending(j)
      requeue(member, j, lane, trig, mode, untl, j.at, untl)
      outcome = 'deferred'
    elseif op == 'release' then
      if counted then release_slot(conn) end
      local lane, trig, mode = fold_pending(j)
      requeue(member, j, lane, trig, mode, j.du, j.at, j.nb)
      outcome = 'released'
    end
  end
  out[#out + 1] = outcome
end
if #removed > 0 then chunked('HDEL', JOBS, removed) end
if #ended > 0 then chunked('ZREM', LEASES, ended) end
return out
