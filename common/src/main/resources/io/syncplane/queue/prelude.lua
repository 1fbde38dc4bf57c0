-- Shared by every queue script. Redis scripts cannot include each other, so LuaScript prepends this file to each body.
--
-- Conventions: KEYS are the partition's fixed keys, all carrying the partition's hash tag. ARGV[1] is the partition's
-- key prefix, from which per-entry and per-connection keys are built (same tag, so same cluster slot). ARGV[2] is "now"
-- in epoch milliseconds from the caller's injected Clock, never Redis TIME, so tests can move time; production
-- therefore needs workers on a shared, sane clock (NTP) or RedisTimeClock.
--
-- Records are '|'-separated strings: one value per record, read and written whole, never a hash of fields.
-- Entries live as fields of one hash per partition (JOBS) rather than as a key each: the hot paths then read and
-- write a whole batch's entries in one HMGET and one HSET, and a field costs Redis less than a top-level key (no key
-- object, no expiry lookup, no keyspace bookkeeping). The queue's throughput is bounded by Redis's work per job, and
-- every redis.call from Lua carries a fixed cost of its own (argument objects, command lookup, stats, reply
-- conversion), so the hot paths make their calls per batch, not per job (see BENCHMARKS.md for the figures).
--
-- Entry JOBS[<member>], member = "<connectionId>:<source>", fields in this order:
--   st  w waiting | r running | d dead    tk lease token    wk worker id
--   pl pt pm pd  pending lane/trigger/mode/due: a trigger that arrived while the job ran
--   ln  lane 0..2    tr trigger id    md mode id    du due ms    wa waiting since ms    at consecutive failures
--   nb  not before ms (backoff)           pk 1 while parked (connection at its concurrency cap)
--   dt  dead since ms                     er last error (last field: the only one that may contain '|')
-- The run-time fields come first so claim and ack, the hot path, rewrite or check a prefix instead of the record.
-- Connection record, a field <connectionId> of the partition's generation hash ug:<g> (see "Connection records"
-- below): running count | GCRA theoretical arrival time ms | throttled until ms | parked count | kept until ms | stamp.
local PP = ARGV[1]
local NOW = tonumber(ARGV[2])
local READY = { KEYS[1], KEYS[2], KEYS[3] }
local DELAYED = { KEYS[4], KEYS[5], KEYS[6] }
local LEASES = KEYS[7]
local DEAD = KEYS[8]
local META = KEYS[9]
local GATES = KEYS[10]
local JOBS = KEYS[11]

-- Values are always compared with NOW, so a record that outlives its meaning is harmless, while one that expires
-- early (a test clock, a worker clock behind Redis) would lose limiter state. Hence a minute of slack on TTLs.
local SLACK_MS = 60000
-- Ready scores are due-ms * 1024 + an arrival sequence, so entries due in the same millisecond leave in arrival order
-- instead of lexicographic member order (which would always favour the same connections). Stays below 2^53. The
-- sequence wraps every 1024 arrivals per partition: past that many entries due in one millisecond, order among them
-- is mixed, not biased.
local SEQ_SPAN = 1024
-- Lua's unpack has a stack limit; multi-member commands are sent in chunks of this many arguments.
local CHUNK = 1000

-- Lua's tostring keeps 14 significant digits; scores and times need all of theirs. Integers (all times and scores)
-- go through the integer conversion, which costs a fraction of the floating-point one on the hot paths. A number
-- that is only an argument to redis.call needs none of this: Redis formats Lua numbers itself, exactly ("%.17g"),
-- without making a Lua string, so scores and TTLs are passed as numbers.
local function fmt(x)
  if x % 1 == 0 then return string.format('%d', x) end
  return string.format('%.0f', x)
end

local function user_key(conn) return PP .. 'u:' .. conn end
local function park_key(conn) return PP .. 'p:' .. conn end
local function connection_of(member) return string.match(member, '^(%d+):') end
local function ready_score(due, seq) return due * SEQ_SPAN + (seq % SEQ_SPAN) end

-- The mode id of a full sync; a full sync subsumes an incremental one, so merging keeps it.
local function merged_mode(a, b)
  if a == 'full' or b == 'full' then return 'full' end
  return a
end

-- Runs `command key <args...>` in chunks, for commands taking many members (ZADD, ZREM).
local function chunked(command, key, args)
  for i = 1, #args, CHUNK do
    redis.call(command, key, unpack(args, i, math.min(#args, i + CHUNK - 1)))
  end
end

-- 16 fields and the rest; written out rather than built with string.rep, which would run on every call.
local JOB_PATTERN = '^([^|]*)|([^|]*)|([^|]*)|([^|]*)|([^|]*)|([^|]*)|([^|]*)|([^|]*)|([^|]*)|([^|]*)|([^|]*)|([^|]*)|([^|]*)|([^|]*)|([^|]*)|([^|]*)|(.*)$'

local function decode_job(s)
  local st, tk, wk, pl, pt, pm, pd, ln, tr, md, du, wa, at, nb, pk, dt, er = string.match(s, JOB_PATTERN)
  return { st = st, ln = tonumber(ln), tr = tr, md = md, du = tonumber(du), wa = tonumber(wa), at = tonumber(at) or 0,
           nb = tonumber(nb) or 0, pk = pk == '1', tk = tk, wk = wk, pl = tonumber(pl), pt = pt, pm = pm,
           pd = tonumber(pd), dt = tonumber(dt), er = er }
end

local function encode_job(j)
  return table.concat({ j.st, j.tk or '', j.wk or '', j.pl or '', j.pt or '', j.pm or '', j.pd and fmt(j.pd) or '',
    j.ln, j.tr, j.md, fmt(j.du), fmt(j.wa), j.at, fmt(j.nb), j.pk and '1' or '', j.dt and fmt(j.dt) or '',
    j.er or '' }, '|')
end

-- A waiting entry that is not parked starts with this: no lease, no pending trigger (a waiting entry never has one).
local WAITING_PREFIX = 'w|||||||'

local function read_job(member)
  local s = redis.call('HGET', JOBS, member)
  if not s then return nil end
  return decode_job(s)
end

local function write_job(member, j) redis.call('HSET', JOBS, member, encode_job(j)) end

-- Multi-argument commands over a list, in chunks, returning the replies concatenated (HMGET, MGET).
local function chunked_read(command, key, args)
  if #args <= CHUNK then
    if key then return redis.call(command, key, unpack(args)) end
    return redis.call(command, unpack(args))
  end
  local all = {}
  for i = 1, #args, CHUNK do
    local part
    if key then
      part = redis.call(command, key, unpack(args, i, math.min(#args, i + CHUNK - 1)))
    else
      part = redis.call(command, unpack(args, i, math.min(#args, i + CHUNK - 1)))
    end
    for k = 1, #part do all[#all + 1] = part[k] end
  end
  return all
end

-- Connection records. Each claim rewrites the record of every connection it claims for (its limiter's time moves on), so
-- the records are written per call, not per connection: as fields of a hash per generation of GEN_MS, which expires
-- as a whole, instead of a key with a TTL each (a SET ... PX per connection was a fifth of a claim's Redis time, and
-- every key expires again later). A record written at NOW into generation g = floor(NOW / GEN_MS) is read while a
-- reader's own generation is g - 1, g or g + 1 (a clock a little behind or ahead of the writer's), so it lasts at least
-- GEN_MS; a record that must last longer (a long throttle, a lease longer than that while running jobs are counted)
-- goes to a key of its own, u:<connectionId> with a TTL, and META 'lu' remembers until when such keys may exist so
-- that readers only look for them then. A reader takes the copy with the highest stamp (META 'us', counted once per
-- writing call), so a stale copy in another generation or key never wins; writers write into the newest generation
-- they found a copy in and delete a key copy they supersede, so a newer copy never expires before an older one.
local GEN_MS = 600000

local function gen_key(g) return PP .. 'ug:' .. fmt(g) end

-- Whether a generation's hash exists, asked once per script call (a read of a missing hash still costs a call with
-- every field as an argument). Writers set it.
local gen_present = {}
local function gen_exists(g)
  local present = gen_present[g]
  if present == nil then
    present = redis.call('EXISTS', gen_key(g)) == 1
    gen_present[g] = present
  end
  return present
end

local function decode_user(s)
  if not s then return { run = 0, tat = 0, blk = 0, parked = 0, keep = 0 } end
  local run, tat, blk, parked, keep = string.match(s, '^([^|]*)|([^|]*)|([^|]*)|([^|]*)|([^|]*)|')
  return { run = tonumber(run) or 0, tat = tonumber(tat) or 0, blk = tonumber(blk) or 0,
           parked = tonumber(parked) or 0, keep = tonumber(keep) or 0 }
end

local function stamp_of(s) return tonumber(string.match(s, '([^|]*)$')) or 0 end

-- Where each connection's record was found: the newest generation holding a copy, and whether a key did.
local user_gen, user_in_key = {}, {}

-- Reads the records of conns (a list) into users[conn]. long_until: META 'lu', or nil to read it here.
local function read_users(conns, users, long_until)
  if #conns == 0 then return end
  local g = math.floor(NOW / GEN_MS)
  local best, best_stamp = {}, {}
  for d = -1, 1 do
    local found = gen_exists(g + d) and chunked_read('HMGET', gen_key(g + d), conns) or {}
    for k = 1, #conns do
      local s = found[k]
      if s then
        local conn = conns[k]
        user_gen[conn] = g + d
        if not best[k] then
          best[k] = s
        else
          best_stamp[k] = best_stamp[k] or stamp_of(best[k])
          local st = stamp_of(s)
          if st > best_stamp[k] then best[k] = s; best_stamp[k] = st end
        end
      end
    end
  end
  if long_until == nil then long_until = tonumber(redis.call('HGET', META, 'lu')) or 0 end
  if long_until > NOW then
    local ks = {}
    for k = 1, #conns do ks[k] = user_key(conns[k]) end
    local found = chunked_read('MGET', nil, ks)
    for k = 1, #conns do
      local s = found[k]
      if s then
        user_in_key[conns[k]] = true
        if not best[k] or stamp_of(s) > (best_stamp[k] or stamp_of(best[k])) then best[k] = s end
      end
    end
  end
  for k = 1, #conns do users[conns[k]] = decode_user(best[k]) end
end

local function read_user(conn)
  local users = {}
  read_users({ conn }, users)
  return users[conn]
end

local function encode_user(u, stamp)
  -- The GCRA time is fractional only when the emission interval is (a rate that does not divide 1000).
  return string.format(u.tat % 1 == 0 and '%d|%d|%d|%d|%d|%d' or '%d|%.3f|%d|%d|%d|%d', u.run, u.tat,
    math.ceil(u.blk), u.parked, math.ceil(u.keep), stamp)
end

-- Writes the records of conns (a list), each kept until its u.keep (plus slack), with one stamp for the call: the
-- caller's when it stores META 'us' itself (claim, with its other META fields), else counted here.
local function write_users(conns, users, stamp)
  if #conns == 0 then return end
  stamp = stamp or redis.call('HINCRBY', META, 'us', 1)
  -- Most records a claim writes say only "a token taken at tat": one string each for the whole call.
  local simple = {}
  local g = math.floor(NOW / GEN_MS)
  local by_gen, gens = {}, {}
  local long_until = nil
  for _, conn in ipairs(conns) do
    local u = users[conn]
    local wg = math.max(g, user_gen[conn] or g)
    local record
    if u.run == 0 and u.parked == 0 and u.blk == 0 and u.keep == u.tat then
      record = simple[u.tat]
      if not record then record = encode_user(u, stamp); simple[u.tat] = record end
    else
      record = encode_user(u, stamp)
    end
    if u.keep + SLACK_MS <= (wg + 2) * GEN_MS then
      local fields = by_gen[wg]
      if not fields then fields = {}; by_gen[wg] = fields; gens[#gens + 1] = wg end
      fields[#fields + 1] = conn
      fields[#fields + 1] = record
      if user_in_key[conn] then redis.call('DEL', user_key(conn)); user_in_key[conn] = nil end
    else
      redis.call('SET', user_key(conn), record, 'PX', math.ceil(u.keep - NOW + SLACK_MS))
      user_in_key[conn] = true
      long_until = math.max(long_until or 0, math.ceil(u.keep + SLACK_MS))
    end
    user_gen[conn] = wg
  end
  for _, wg in ipairs(gens) do
    local key = gen_key(wg)
    local existed = gen_exists(wg)
    chunked('HSET', key, by_gen[wg])
    -- A generation's hash lives until the last reader that may still ask for it, whoever writes it later.
    if not existed then redis.call('PEXPIRE', key, (wg + 2) * GEN_MS - NOW + SLACK_MS) end
    gen_present[wg] = true
  end
  if long_until and long_until > (tonumber(redis.call('HGET', META, 'lu')) or 0) then
    redis.call('HSET', META, 'lu', long_until)
  end
end

-- Puts a waiting entry where claim finds it: the lane's ready set when due, else the lane's delayed set.
local function place(member, lane, due, seq)
  if due <= NOW then
    redis.call('ZADD', READY[lane + 1], ready_score(due, seq or redis.call('HINCRBY', META, 'sq', 1)), member)
  else
    redis.call('ZADD', DELAYED[lane + 1], due, member)
  end
end

-- Returns every parked entry of a connection to its ready set, keeping its place. Called when a running slot frees;
-- all of them go back (at most one per source), so none can be stranded behind one that is then deferred by the
-- limiter; claim re-parks whatever still finds the connection at its cap.
local function unpark_all(conn)
  local pk = park_key(conn)
  local parked = redis.call('ZRANGE', pk, 0, -1, 'WITHSCORES')
  for i = 1, #parked, 2 do
    local j = read_job(parked[i])
    if j and j.st == 'w' and j.pk then
      j.pk = false
      write_job(parked[i], j)
      redis.call('ZADD', READY[j.ln + 1], parked[i + 1], parked[i])
    end
  end
  redis.call('DEL', pk)
  if #parked > 0 then redis.call('HINCRBY', META, 'pk', fmt(-#parked / 2)) end
end

-- Frees one running slot of a connection, optionally pushing its limiter (tat_floor) and throttling it (blocked_until).
-- While other jobs of the connection run, their claims and heartbeats keep the record alive; with nothing running it
-- lives only while its state still means something: until the bucket is full again and any throttle has passed.
--
-- Running jobs are only counted while the concurrency cap can bind. An entry runs at most once at a time, so a
-- connection never runs more jobs than it has sources; with a cap at or above that (the default 5 > 4 sources) the
-- count would never be read, and skipping it saves two record writes per job. (Pass counted = false then.)
local function release_slot(conn, tat_floor, blocked_until, counted)
  local users = {}
  read_users({ conn }, users)
  local u = users[conn]
  if counted ~= false then u.run = math.max(0, u.run - 1) end
  if tat_floor and tat_floor > u.tat then u.tat = tat_floor end
  if blocked_until and blocked_until > u.blk then u.blk = blocked_until end
  if u.parked > 0 then
    unpark_all(conn)
    u.parked = 0
  end
  if u.run > 0 then
    u.keep = math.max(u.keep, u.tat, u.blk)
  else
    u.keep = math.max(u.tat, u.blk)
  end
  write_users({ conn }, users)
end

-- For a run that did not complete (failed, throttled, handed back): it still owes its own trigger, and a pending one
-- folds in: the most urgent lane and its trigger, FULL over INCREMENTAL.
local function fold_pending(j)
  local lane, trig, mode = j.ln, j.tr, j.md
  if j.pl then
    if j.pl < lane then lane = j.pl; trig = j.pt end
    mode = merged_mode(mode, j.pm)
  end
  return lane, trig, mode
end

-- Turns a job that ran back into a waiting entry. not_before keeps later triggers from pulling it ahead of a backoff.
local function requeue(member, j, lane, trig, mode, due, failures, not_before)
  j.st = 'w'; j.ln = lane; j.tr = trig; j.md = mode; j.du = due; j.wa = NOW; j.at = failures; j.nb = not_before
  j.tk = nil; j.wk = nil; j.pl = nil; j.pt = nil; j.pm = nil; j.pd = nil
  write_job(member, j)
  place(member, lane, due)
end

-- A failed run: one more consecutive failure; at the limit the job goes to the dead-letter set with its last error
-- (a pending trigger is dropped with it: re-drive runs the job again), otherwise it waits until retry_at.
local function fail(member, j, err, retry_at, max_failures)
  local failures = j.at + 1
  j.er = err
  if failures >= max_failures then
    j.st = 'd'; j.at = failures; j.dt = NOW; j.nb = 0
    j.tk = nil; j.wk = nil; j.pl = nil; j.pt = nil; j.pm = nil; j.pd = nil
    write_job(member, j)
    redis.call('ZADD', DEAD, fmt(NOW), member)
    return 'dead'
  end
  local lane, trig, mode = fold_pending(j)
  requeue(member, j, lane, trig, mode, retry_at, failures, retry_at)
  return 'retry'
end
