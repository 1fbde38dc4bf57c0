-- acquire: one request permit for one user, or how long to wait for it. All keys carry the user's hash tag.
-- KEYS[1] GCRA theoretical arrival time ms (string)   KEYS[2] permits in flight (zset: permit id -> lease expiry ms)
-- KEYS[3] waiting requests (zset: id -> expiry ms)     KEYS[4] weights of the waiting requests (hash: id -> weight)
-- ARGV: now ms, interval ms (1 / rate), burst tolerance ms, in-flight cap, request id, permit lease expiry ms,
--       weight, waiter expiry ms, idle ttl ms (how long the keys outlive the last request)
-- "now" is the caller's clock, like the queue's scripts (see queue/prelude.lua).
-- Returns {1, 0, 'granted'} or {0, wait ms, reason} with reason rate | in_flight | outranked (a heavier or an earlier
-- request of the user waits).
local now = tonumber(ARGV[1])
local interval = tonumber(ARGV[2])
local tolerance = tonumber(ARGV[3])
local cap = tonumber(ARGV[4])
local id = ARGV[5]
local lease_until = tonumber(ARGV[6])
local weight = tonumber(ARGV[7])
local waiter_until = tonumber(ARGV[8])
local idle_ttl = tonumber(ARGV[9])

-- Permits of requests whose worker died before releasing them, and waiters that gave up without saying so.
redis.call('ZREMRANGEBYSCORE', KEYS[2], '-inf', now)
local gone = redis.call('ZRANGEBYSCORE', KEYS[3], '-inf', now)
if #gone > 0 then
  redis.call('ZREMRANGEBYSCORE', KEYS[3], '-inf', now)
  redis.call('HDEL', KEYS[4], unpack(gone))
end

local tat = tonumber(redis.call('GET', KEYS[1]) or '0')
if tat < now then tat = now end
local token_wait = tat - tolerance - now

-- A heavier request of the same user is waiting, or one as heavy that has waited longer: it takes the next token,
-- this one the one after. Among equal weights the earlier waiter's expiry is the earlier one, since every worker waits
-- the same max-wait: first come, first served. Without that order the waiters raced for every token, and one that lost
-- a few races in a row ran out of max-wait and had its run deferred, however short its turn would have been.
local outranked = false
local weights = redis.call('HGETALL', KEYS[4])
for i = 1, #weights, 2 do
  if weights[i] ~= id then
    local other = tonumber(weights[i + 1])
    if other > weight then
      outranked = true
      break
    end
    if other == weight then
      local since = tonumber(redis.call('ZSCORE', KEYS[3], weights[i]) or waiter_until)
      if since < waiter_until then
        outranked = true
        break
      end
    end
  end
end
local in_flight = redis.call('ZCARD', KEYS[2])

if token_wait <= 0 and not outranked and in_flight < cap then
  redis.call('SET', KEYS[1], tostring(tat + interval), 'PX', math.ceil(tat + interval - now + idle_ttl))
  redis.call('ZADD', KEYS[2], lease_until, id)
  redis.call('PEXPIRE', KEYS[2], math.ceil(lease_until - now + idle_ttl))
  if redis.call('ZREM', KEYS[3], id) == 1 then redis.call('HDEL', KEYS[4], id) end
  return {1, 0, 'granted'}
end

redis.call('ZADD', KEYS[3], waiter_until, id)
redis.call('HSET', KEYS[4], id, ARGV[7])
redis.call('PEXPIRE', KEYS[3], math.ceil(waiter_until - now + idle_ttl))
redis.call('PEXPIRE', KEYS[4], math.ceil(waiter_until - now + idle_ttl))
if token_wait > 0 then
  if outranked then return {0, math.ceil(token_wait + interval), 'outranked'} end
  return {0, math.ceil(token_wait), 'rate'}
end
if outranked then return {0, math.ceil(interval), 'outranked'} end
-- In flight at the cap: a slot frees when a request is answered, which is soon but not known here.
return {0, math.max(1, math.min(math.ceil(interval), 25)), 'in_flight'}
