-- claim: hands out up to ARGV[3] due jobs of this partition as leases, honouring lanes (weighted round robin, so lower
-- lanes never starve), each connection's token bucket (GCRA) and its concurrency cap.
-- ARGV[4] lease ms, [5] worker id, [6] lease token base, [7] max running per connection, 0 when the cap cannot bind
-- (see release_slot), [8] push debounce ms, [9] lane schedule (one digit per turn, e.g. "0102010010"), [10] scan limit,
-- [11..] triples per source: id, emission interval ms (1000 / rate), burst tolerance ms ((burst - 1) * interval).
-- Returns 2 values per claimed job: member, and its record as it was waiting, minus the state prefix:
-- "lane|trigger|mode|due ms|waiting since ms|failures so far|..." (the fields of prelude.lua from ln on; sent whole, as
-- the script already holds it, rather than picked apart and put together again). The n-th job's lease token is
-- "<token base>.<n>".
local max = tonumber(ARGV[3])
local lease_ms = tonumber(ARGV[4])
local worker = ARGV[5]
local token_base = ARGV[6]
local cap = tonumber(ARGV[7])
local debounce = tonumber(ARGV[8])
local schedule = ARGV[9]
local scan_limit = tonumber(ARGV[10])
local rates = {}
-- When every source has the same rate (the default), a job's rate is known without reading its source off the member.
local uniform = { tonumber(ARGV[12]), tonumber(ARGV[13]) }
for i = 11, #ARGV, 3 do
  local rate = { tonumber(ARGV[i + 1]), tonumber(ARGV[i + 2]) }
  rates[ARGV[i]] = rate
  if uniform and (rate[1] ~= uniform[1] or rate[2] ~= uniform[2]) then uniform = nil end
end

-- 1. Delayed entries whose time has come join their lane's ready set (bounded per call; the next claim continues).
local promote_limit = math.min(1000, max * 4 + 50)
for lane = 1, 3 do
  local due = redis.call('ZRANGEBYSCORE', DELAYED[lane], '-inf', fmt(NOW), 'WITHSCORES', 'LIMIT', 0, promote_limit)
  if #due > 0 then
    local adds, members = {}, {}
    for i = 1, #due, 2 do
      adds[#adds + 1] = ready_score(tonumber(due[i + 1]), 0)
      adds[#adds + 1] = due[i]
      members[#members + 1] = due[i]
    end
    chunked('ZADD', READY[lane], adds)
    chunked('ZREM', DELAYED[lane], members)
  end
end

-- 2. This batch's share per lane. The position in the round is the partition's own and advances by the turns used,
-- so every lane of every partition gets its turns however claims are sized or spread over partitions and workers.
-- Turns a lane cannot use because it holds fewer entries go to the others, most urgent first (lanes order work, they
-- never idle a worker), decided here from the sets' sizes so that each lane is popped once rather than once for its
-- share and again for the leftovers.
local meta = redis.call('HMGET', META, 'rr', 'pk', 'lu', 'us')
local rr = tonumber(meta[1]) or 0
-- A parked entry is never in a ready set; only while some entry of the partition is parked is that checked per entry.
local any_parked = (tonumber(meta[2]) or 0) > 0
local long_until = tonumber(meta[3]) or 0
local period = #schedule
local want = { 0, 0, 0 }
for i = 0, max - 1 do
  local pos = (rr + i) % period + 1
  local lane = string.byte(schedule, pos) - 47
  want[lane] = want[lane] + 1
end
local size = { redis.call('ZCARD', READY[1]), redis.call('ZCARD', READY[2]), redis.call('ZCARD', READY[3]) }
local spare = 0
for lane = 1, 3 do
  if want[lane] > size[lane] then spare = spare + want[lane] - size[lane]; want[lane] = size[lane] end
end
for lane = 1, 3 do
  local more = math.min(spare, size[lane] - want[lane])
  want[lane] = want[lane] + more
  spare = spare - more
end

local out = {}
local leases, gates = {}, {}
local claimed, examined = 0, 0
local lease_until = fmt(NOW + lease_ms)
local now_text = fmt(NOW)

-- 3. Every examined entry leaves the ready set: claimed, deferred to when its connection has a token again, or parked
-- until its connection frees a slot. So a throttled connection never occupies a worker, and is never scanned twice.
--
-- Redis work per job is what bounds the queue, so the calls are made per popped batch, not per entry: one HMGET for
-- the batch's entries, one HMGET per generation for the connection records this call has not read yet, and the
-- writes collected for the end (one HSET of entries, one of connection records, one ZADD per set). Connection records
-- are kept here as claims consume their tokens, so two sources of one connection in the same call share its bucket.
-- Per entry the script only tests the record with anchored patterns (no captures, so no strings made) and builds the
-- running record, the one string it must.
local users = {}
local claimed_conns = {} -- connection -> true once it claimed in this call (its record's lifetime is recomputed)
local touched = {}       -- connections whose record changed, in the order they first did
local entry_writes = {}  -- member, record pairs for one HSET
local deferred = { {}, {}, {} }

local function touch(conn)
  if not touched[conn] then touched[conn] = true; touched[#touched + 1] = conn end
end

local PARKED = '^w|||||||[^|]*|[^|]*|[^|]*|[^|]*|[^|]*|[^|]*|[^|]*|1|'
local PUSHED = '^w|||||||%d|push|'

local function try_claim(member, conn, score, lane, record)
  -- Only a waiting entry without a lease is claimed; its fields after the prefix are ln|tr|md|du|wa|at|nb|pk|dt|er.
  -- A parked entry found in a ready set anyway stays where its park set has it.
  if not record or not string.find(record, '^w|||||||') then return false end
  if any_parked and string.find(record, PARKED) then return false end
  local u = users[conn]
  if cap > 0 and u.run >= cap then
    local j = decode_job(record)
    j.pk = true
    entry_writes[#entry_writes + 1] = member
    entry_writes[#entry_writes + 1] = encode_job(j)
    redis.call('ZADD', park_key(conn), score, member)
    u.parked = u.parked + 1
    touch(conn)
    redis.call('HINCRBY', META, 'pk', 1)
    any_parked = true
    return false
  end
  local rate = uniform or rates[string.sub(member, #conn + 2)]
  local tat = math.max(u.tat, NOW)
  local available = math.max(tat - rate[2], u.blk)
  if available > NOW then
    local d = deferred[lane]
    d[#d + 1] = math.ceil(available)
    d[#d + 1] = member
    return false
  end
  u.tat = tat + rate[1]
  -- The record now counts a running job: it must outlive the lease (heartbeats extend it).
  if cap > 0 then u.run = u.run + 1 end
  claimed_conns[conn] = true
  touch(conn)
  claimed = claimed + 1
  local rest = string.sub(record, 9)
  entry_writes[#entry_writes + 1] = member
  entry_writes[#entry_writes + 1] = 'r|' .. token_base .. '.' .. claimed .. '|' .. worker .. '|||||' .. rest
  leases[#leases + 1] = lease_until
  leases[#leases + 1] = member
  if debounce > 0 and string.find(record, PUSHED) then
    gates[#gates + 1] = now_text
    gates[#gates + 1] = member
  end
  out[#out + 1] = member
  out[#out + 1] = rest
  return true
end

-- popped: members, or member, score pairs when with_scores.
local function examine(popped, with_scores, lane)
  local members, member_conns, conns
  if with_scores then
    members = {}
    for i = 1, #popped, 2 do members[#members + 1] = popped[i] end
  else
    members = popped
  end
  member_conns, conns = {}, {}
  for k = 1, #members do
    local conn = connection_of(members[k])
    member_conns[k] = conn
    if users[conn] == nil then
      users[conn] = false -- read below
      conns[#conns + 1] = conn
    end
  end
  local records = chunked_read('HMGET', JOBS, members)
  read_users(conns, users, long_until)
  local got = 0
  for k = 1, #members do
    examined = examined + 1
    if try_claim(members[k], member_conns[k], with_scores and popped[2 * k], lane, records[k]) then got = got + 1 end
  end
  return got
end

local function drain(lane, need)
  local got = 0
  while got < need and examined < scan_limit and size[lane] > 0 do
    local n = math.min(need - got, scan_limit - examined)
    local popped
    if cap > 0 then
      -- Parking keeps an entry's place, so its score is needed.
      popped = redis.call('ZPOPMIN', READY[lane], n)
    else
      -- Without a cap nothing parks: members only, sparing Redis the formatting of a score per entry.
      popped = redis.call('ZRANGE', READY[lane], 0, n - 1)
      if #popped > 0 then redis.call('ZREMRANGEBYRANK', READY[lane], 0, #popped - 1) end
    end
    if #popped == 0 then break end
    size[lane] = size[lane] - (cap > 0 and #popped / 2 or #popped)
    got = got + examine(popped, cap > 0, lane)
  end
  return got
end

for lane = 1, 3 do drain(lane, want[lane]) end
-- 4. Turns lost to entries the limiter deferred or the cap parked go to what is left, most urgent first.
for lane = 1, 3 do
  if claimed >= max then break end
  drain(lane, max - claimed)
end

if #entry_writes > 0 then chunked('HSET', JOBS, entry_writes) end
for lane = 1, 3 do
  if #deferred[lane] > 0 then chunked('ZADD', DELAYED[lane], deferred[lane]) end
end
for _, conn in ipairs(touched) do
  local u = users[conn]
  if claimed_conns[conn] then
    local keep = math.max(u.tat, u.blk)
    -- While running jobs are counted the record must outlive every lease, this call's and earlier ones'.
    if cap > 0 then keep = math.max(keep, NOW + lease_ms, u.keep) end
    u.keep = keep
  end
  -- Parked only: the record already counts running jobs and lives as long as their leases do (keep unchanged).
end
local stamp = (tonumber(meta[4]) or 0) + 1
write_users(touched, users, stamp)

if #touched > 0 then
  redis.call('HSET', META, 'rr', (rr + claimed) % period, 'us', stamp)
end
if claimed > 0 then
  chunked('ZADD', LEASES, leases)
  -- The start of each push-triggered run: later pushes within the window are debounced into one trailing run.
  -- Gates older than any window are dropped as claims go by.
  if debounce > 0 and #gates > 0 then
    chunked('ZADD', GATES, gates)
    redis.call('ZREMRANGEBYSCORE', GATES, '-inf', '(' .. fmt(NOW - debounce - SLACK_MS))
  end
end
return out
