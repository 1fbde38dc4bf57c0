-- heartbeat: extends a lease held by this token. ARGV[3] member, [4] token, [5] lease ms, [6] '1' when running jobs
-- are counted per connection. Returns extended | lost.
-- A lease that already expired but was not yet reclaimed is still extended: the worker is alive after all.
local member, token, lease_ms = ARGV[3], ARGV[4], tonumber(ARGV[5])
local j = read_job(member)
if not j or j.st ~= 'r' or j.tk ~= token then return 'lost' end
redis.call('ZADD', LEASES, fmt(NOW + lease_ms), member)
-- The connection's record must outlive its running jobs when it holds their count.
if ARGV[6] == '1' then
  local conn = connection_of(member)
  local users = {}
  read_users({ conn }, users)
  users[conn].keep = math.max(users[conn].keep, NOW + lease_ms)
  write_users({ conn }, users)
end
return 'extended'
