-- reclaim: puts jobs whose lease expired (their worker died or hung) back to waiting, due now. An expired lease counts
-- as a failure, so a job that kills its worker every time ends in the dead-letter set instead of looping forever.
-- ARGV[3] max leases to reclaim, [4] consecutive failures that dead-letter a job, [5] '1' when running jobs are
-- counted per connection.
-- Returns triples: member, worker id that held the lease, retry | dead.
local max, max_failures, counted = tonumber(ARGV[3]), tonumber(ARGV[4]), ARGV[5] == '1'
local expired = redis.call('ZRANGEBYSCORE', LEASES, '-inf', fmt(NOW), 'LIMIT', 0, max)
local out = {}
for _, member in ipairs(expired) do
  local j = read_job(member)
  if j and j.st == 'r' then
    if counted then release_slot(connection_of(member)) end
    local worker = j.wk ~= '' and j.wk or '?'
    out[#out + 1] = member
    out[#out + 1] = worker
    out[#out + 1] = fail(member, j, 'lease expired: worker ' .. worker .. ' stopped heartbeating', NOW, max_failures)
  end
end
if #expired > 0 then chunked('ZREM', LEASES, expired) end
return out
