-- redrive: a dead-lettered job waits again, due now, with its failure count reset. ARGV[3] member. Returns 1 or 0.
local member = ARGV[3]
local jk = job_key(member)
local j = redis.call('HMGET', jk, 'st', 'ln')
if j[1] ~= 'd' then return 0 end
redis.call('ZREM', DEAD, member)
redis.call('HDEL', jk, 'dt', 'nb')
redis.call('HSET', jk, 'st', 'w', 'at', 0, 'du', fmt(NOW), 'wa', fmt(NOW))
place(member, tonumber(j[2]), NOW)
return 1
