-- stats: sizes of this partition. ARGV[3] max running per connection (0 when the cap cannot bind, as for claim),
-- [4] runnable scan limit, [5..] triples per source: id, emission interval ms, burst tolerance ms (as for claim).
-- Returns ready per lane (3), delayed per lane (3), running, dead, parked, runnable, runnable examined, due total.
-- Ready counts every entry due now, including delayed ones whose time has come but that no claim has promoted yet;
-- delayed counts only those still waiting for their time.
--
-- Runnable: due entries a claim could start now, read as claim would (same bucket arithmetic, same cap) without writing
-- anything; each one counted takes its token in a local copy of its connection's bucket, so four due sources of a
-- connection with one token left count once. The work is bounded: at most ARGV[4] due entries are examined, oldest
-- first per lane (their connection records read in one go per generation); when more are due, the count is scaled up from the examined sample
-- (runnable * due / examined), which is exact whenever everything due was examined.
local cap = tonumber(ARGV[3])
local scan_limit = tonumber(ARGV[4])
local rates = {}
for i = 5, #ARGV, 3 do rates[ARGV[i]] = { tonumber(ARGV[i + 1]), tonumber(ARGV[i + 2]) } end
local now_text = fmt(NOW)

local ready, delayed = {}, {}
for lane = 1, 3 do
  local due_delayed = redis.call('ZCOUNT', DELAYED[lane], '-inf', now_text)
  ready[lane] = redis.call('ZCARD', READY[lane]) + due_delayed
  delayed[lane] = redis.call('ZCARD', DELAYED[lane]) - due_delayed
end

local users = {}
local runnable, examined = 0, 0
local function examine(member)
  examined = examined + 1
  local conn = connection_of(member)
  local rate = rates[string.sub(member, #conn + 2)]
  if not rate then return end
  local u = users[conn]
  if cap > 0 and u.run >= cap then return end
  local tat = math.max(u.tat, NOW)
  if math.max(tat - rate[2], u.blk) > NOW then return end
  u.tat = tat + rate[1]
  if cap > 0 then u.run = u.run + 1 end
  runnable = runnable + 1
end

-- The sample first, so that its connection records are read in one go.
local sample = {}
for lane = 1, 3 do
  if #sample >= scan_limit then break end
  for _, member in ipairs(redis.call('ZRANGE', READY[lane], 0, scan_limit - #sample - 1)) do sample[#sample + 1] = member end
  if #sample < scan_limit then
    local due = redis.call('ZRANGEBYSCORE', DELAYED[lane], '-inf', now_text, 'LIMIT', 0, scan_limit - #sample)
    for _, member in ipairs(due) do sample[#sample + 1] = member end
  end
end
local conns, seen = {}, {}
for _, member in ipairs(sample) do
  local conn = connection_of(member)
  if not seen[conn] then seen[conn] = true; conns[#conns + 1] = conn end
end
read_users(conns, users)
for _, member in ipairs(sample) do examine(member) end

local due_total = ready[1] + ready[2] + ready[3]
local estimate = runnable
if examined > 0 and due_total > examined then estimate = math.floor(runnable * due_total / examined) end
return {
  ready[1], ready[2], ready[3], delayed[1], delayed[2], delayed[3],
  redis.call('ZCARD', LEASES), redis.call('ZCARD', DEAD), tonumber(redis.call('HGET', META, 'pk')) or 0,
  estimate, examined, due_total
}
