-- release: a request was answered (or failed), or a waiting request gave up. KEYS as in acquire.lua; ARGV[1] the id.
redis.call('ZREM', KEYS[2], ARGV[1])
if redis.call('ZREM', KEYS[3], ARGV[1]) == 1 then redis.call('HDEL', KEYS[4], ARGV[1]) end
return 1
