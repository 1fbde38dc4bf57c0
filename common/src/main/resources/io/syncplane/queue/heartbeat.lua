-- heartbeat: extends a lease held by this token. ARGV[3] member, [4] token, [5] lease ms. Returns extended | lost.
-- A lease that already expired but was not yet reclaimed is still extended: the worker is alive after all.
local member, token = ARGV[3], ARGV[4]
local j = redis.call('HMGET', job_key(member), 'st', 'tk')
if j[1] ~= 'r' or j[2] ~= token then return 'lost' end
redis.call('ZADD', LEASES, fmt(NOW + tonumber(ARGV[5])), member)
return 'extended'
