-- reclaim: puts jobs whose lease expired (their worker died or hung) back to waiting, due now. An expired lease counts
-- as a failure, so a job that kills its worker every time ends in the dead-letter set instead of looping forever.
-- ARGV[3] max leases to reclaim, [4] consecutive failures that dead-letter a job.
-- Returns triples: member, worker id that held the lease, retry | dead.
local max, max_failures = tonumber(ARGV[3]), tonumber(ARGV[4])
local expired = redis.call('ZRANGEBYSCORE', LEASES, '-inf', fmt(NOW), 'LIMIT', 0, max)
local out = {}
for _, member in ipairs(expired) do
  redis.call('ZREM', LEASES, member)
  local j = read_running(member)
  if j[1] == 'r' then
    release_slot(connection_of(member))
    local worker = j[12] or '?'
    out[#out + 1] = member
    out[#out + 1] = worker
    out[#out + 1] = fail(member, j, 'lease expired: worker ' .. worker .. ' stopped heartbeating', NOW, max_failures)
  end
end
return out
