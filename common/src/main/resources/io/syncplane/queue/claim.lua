-- claim: hands out up to ARGV[3] due jobs of this partition as leases, honouring lanes (weighted round robin, so lower
-- lanes never starve), each connection's token bucket (GCRA) and its concurrency cap.
-- ARGV[4] lease ms, [5] worker id, [6] lease token base, [7] max running per connection, [8] push debounce ms,
-- [9] lane schedule (one digit per turn, e.g. "0102010010"), [10] scan limit,
-- [11..] triples per source: id, emission interval ms (1000 / rate), burst tolerance ms ((burst - 1) * interval).
-- Returns 7 values per claimed job: member, trigger, mode, lane, failures so far, lease token, waiting since ms.
local max = tonumber(ARGV[3])
local lease_ms = tonumber(ARGV[4])
local worker = ARGV[5]
local token_base = ARGV[6]
local cap = tonumber(ARGV[7])
local debounce = tonumber(ARGV[8])
local schedule = ARGV[9]
local scan_limit = tonumber(ARGV[10])
local rates = {}
for i = 11, #ARGV, 3 do rates[ARGV[i]] = { tonumber(ARGV[i + 1]), tonumber(ARGV[i + 2]) } end

-- 1. Delayed entries whose time has come join their lane's ready set (bounded per call; the next claim continues).
local promote_limit = math.min(1000, max * 4 + 50)
for lane = 1, 3 do
  local due = redis.call('ZRANGEBYSCORE', DELAYED[lane], '-inf', NOW, 'WITHSCORES', 'LIMIT', 0, promote_limit)
  if #due > 0 then
    local adds, members = {}, {}
    for i = 1, #due, 2 do
      adds[#adds + 1] = fmt(ready_score(tonumber(due[i + 1]), 0))
      adds[#adds + 1] = due[i]
      members[#members + 1] = due[i]
    end
    redis.call('ZADD', READY[lane], unpack(adds))
    redis.call('ZREM', DELAYED[lane], unpack(members))
  end
end

-- 2. This batch's share per lane. The position in the round is the partition's own and advances by the turns used,
-- so every lane of every partition gets its turns however claims are sized or spread over partitions and workers.
local rr = tonumber(redis.call('HGET', META, 'rr')) or 0
local period = #schedule
local want = { 0, 0, 0 }
for i = 0, max - 1 do
  local pos = (rr + i) % period + 1
  local lane = string.byte(schedule, pos) - 47
  want[lane] = want[lane] + 1
end

local out = {}
local claimed, examined = 0, 0

-- 3. Every examined entry leaves the ready set: claimed, deferred to when its connection has a token again, or parked
-- until its connection frees a slot. So a throttled connection never occupies a worker, and is never scanned twice.
local function try_claim(member, score, lane)
  local jk = job_key(member)
  local j = redis.call('HMGET', jk, 'st', 'tr', 'md', 'at', 'wa')
  if j[1] ~= 'w' then return false end
  local conn = connection_of(member)
  local uk = user_key(conn)
  local u = redis.call('HMGET', uk, 'r', 't', 'b')
  local run = tonumber(u[1]) or 0
  if run >= cap then
    redis.call('ZADD', park_key(conn), score, member)
    redis.call('HSET', jk, 'pk', 1)
    redis.call('HINCRBY', uk, 'p', 1)
    redis.call('HINCRBY', META, 'pk', 1)
    return false
  end
  local rate = rates[string.sub(member, #conn + 2)]
  local tat = math.max(tonumber(u[2]) or 0, NOW)
  local available = math.max(tat - rate[2], tonumber(u[3]) or 0)
  if available > NOW then
    redis.call('ZADD', DELAYED[lane], fmt(math.ceil(available)), member)
    return false
  end
  redis.call('HSET', uk, 'r', run + 1, 't', string.format('%.3f', tat + rate[1]))
  if run == 0 then redis.call('PERSIST', uk) end
  claimed = claimed + 1
  local token = token_base .. '.' .. claimed
  redis.call('HSET', jk, 'st', 'r', 'tk', token, 'wk', worker)
  redis.call('ZADD', LEASES, fmt(NOW + lease_ms), member)
  if debounce > 0 then redis.call('SET', gate_key(member), fmt(NOW), 'PX', fmt(debounce + SLACK_MS)) end
  local n = #out
  out[n + 1] = member
  out[n + 2] = j[2]
  out[n + 3] = j[3]
  out[n + 4] = lane - 1
  out[n + 5] = tonumber(j[4]) or 0
  out[n + 6] = token
  out[n + 7] = tonumber(j[5]) or NOW
  return true
end

local function drain(lane, need)
  local got = 0
  while got < need and examined < scan_limit do
    local popped = redis.call('ZPOPMIN', READY[lane], math.min(need - got, scan_limit - examined))
    if #popped == 0 then break end
    for i = 1, #popped, 2 do
      examined = examined + 1
      if try_claim(popped[i], popped[i + 1], lane) then got = got + 1 end
    end
  end
  return got
end

for lane = 1, 3 do drain(lane, want[lane]) end
-- 4. Turns a lane could not use go to the others, most urgent first: lanes order work, they never idle a worker.
for lane = 1, 3 do
  if claimed >= max then break end
  drain(lane, max - claimed)
end
if claimed > 0 then redis.call('HSET', META, 'rr', (rr + claimed) % period) end
return out
