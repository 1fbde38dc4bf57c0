-- Shared by every queue script. Redis scripts cannot include each other, so LuaScript prepends this file to each body.
--
-- Conventions: KEYS are the partition's fixed keys, all carrying the partition's hash tag. ARGV[1] is the partition's
-- key prefix, from which per-job and per-connection keys are built (same tag, so same cluster slot). ARGV[2] is "now"
-- in epoch milliseconds from the caller's injected Clock, never Redis TIME, so tests can move time; production therefore
-- needs workers on a shared, sane clock (NTP) or RedisTimeClock.
--
-- Per-job hash j:<member> (member = "<connectionId>:<source>"):
--   st  w waiting | r running | d dead          ln lane 0..2        tr trigger id      md mode id
--   du  due ms     wa waiting since ms           at consecutive failures             nb not before ms (backoff)
--   tk  lease token   wk worker id               pk 1 while parked (connection at its concurrency cap)
--   pl/pt/pm/pd  pending lane/trigger/mode/due: a trigger that arrived while the job ran
--   er  last error    dt dead since ms
-- Per-connection hash u:<connectionId>: r running count, t GCRA theoretical arrival time ms, b throttled-until ms,
--   p parked count. Gate g:<member>: start ms of the last run, for push debounce. Parked set p:<connectionId>.
local PP = ARGV[1]
local NOW = tonumber(ARGV[2])
local READY = { KEYS[1], KEYS[2], KEYS[3] }
local DELAYED = { KEYS[4], KEYS[5], KEYS[6] }
local LEASES = KEYS[7]
local DEAD = KEYS[8]
local META = KEYS[9]

-- Values are always compared with NOW, so a key that outlives its meaning is harmless, while one that expires early
-- (a test clock, a worker clock behind Redis) would lose limiter or debounce state. Hence a minute of slack on TTLs.
local SLACK_MS = 60000
-- Ready scores are due-ms * 1024 + an arrival sequence, so entries due in the same millisecond leave in arrival order
-- instead of lexicographic member order (which would always favour the same connections). Stays below 2^53.
local SEQ_SPAN = 1024

-- Lua's tostring keeps 14 significant digits; scores and times need all of theirs.
local function fmt(x) return string.format('%.0f', x) end

local function job_key(member) return PP .. 'j:' .. member end
local function user_key(conn) return PP .. 'u:' .. conn end
local function park_key(conn) return PP .. 'p:' .. conn end
local function gate_key(member) return PP .. 'g:' .. member end
local function connection_of(member) return string.match(member, '^(%d+):') end

local function ready_score(due, seq) return due * SEQ_SPAN + (seq % SEQ_SPAN) end

-- The mode id of a full sync; a full sync subsumes an incremental one, so merging keeps it.
local function merged_mode(a, b)
  if a == 'full' or b == 'full' then return 'full' end
  return a
end

-- Puts a waiting entry where claim finds it: the lane's ready set when due, else the lane's delayed set.
local function place(member, lane, due, seq)
  if due <= NOW then
    redis.call('ZADD', READY[lane + 1], fmt(ready_score(due, seq or redis.call('HINCRBY', META, 'sq', 1))), member)
  else
    redis.call('ZADD', DELAYED[lane + 1], fmt(due), member)
  end
end

-- Returns every parked entry of a connection to its ready set, keeping its place. Called when a running slot frees;
-- all of them go back (at most one per source), so none can be stranded behind one that is then deferred by the
-- limiter; claim re-parks whatever still finds the connection at its cap.
local function unpark_all(conn, uk)
  local pk = park_key(conn)
  local parked = redis.call('ZRANGE', pk, 0, -1, 'WITHSCORES')
  for i = 1, #parked, 2 do
    local jk = job_key(parked[i])
    local lane = tonumber(redis.call('HGET', jk, 'ln'))
    if lane then
      redis.call('HDEL', jk, 'pk')
      redis.call('ZADD', READY[lane + 1], parked[i + 1], parked[i])
    end
  end
  redis.call('DEL', pk)
  redis.call('HSET', uk, 'p', 0)
  if #parked > 0 then redis.call('HINCRBY', META, 'pk', fmt(-#parked / 2)) end
end

-- Frees one running slot of a connection, optionally pushing its limiter (tat_floor) and throttling it (blocked_until).
-- With nothing running, the hash only lives while its state still means something: until the bucket is full again
-- and any throttle has passed.
local function release_slot(conn, tat_floor, blocked_until)
  local uk = user_key(conn)
  local u = redis.call('HMGET', uk, 'r', 't', 'b', 'p')
  local run = (tonumber(u[1]) or 1) - 1
  if run < 0 then run = 0 end
  local tat = tonumber(u[2]) or 0
  local blk = tonumber(u[3]) or 0
  if tat_floor and tat_floor > tat then tat = tat_floor end
  if blocked_until and blocked_until > blk then blk = blocked_until end
  redis.call('HSET', uk, 'r', run, 't', string.format('%.3f', tat), 'b', fmt(blk))
  if (tonumber(u[4]) or 0) > 0 then unpark_all(conn, uk) end
  if run == 0 then redis.call('PEXPIRE', uk, fmt(math.max(tat, blk) - NOW + SLACK_MS)) end
end

-- The fields every settle path reads from a running job, in this order.
local RUNNING_FIELDS = { 'st', 'tk', 'ln', 'du', 'tr', 'md', 'at', 'pl', 'pt', 'pm', 'pd', 'wk', 'nb' }
local function read_running(member) return redis.call('HMGET', job_key(member), unpack(RUNNING_FIELDS)) end

-- For a run that did not complete (failed, throttled, handed back): it still owes its own trigger, and a pending one
-- folds in: the most urgent lane and its trigger, FULL over INCREMENTAL.
local function fold_pending(j)
  local lane, trig, mode = tonumber(j[3]), j[5], j[6]
  if j[8] then
    local pl = tonumber(j[8])
    if pl < lane then lane = pl; trig = j[9] end
    mode = merged_mode(mode, j[10])
  end
  return lane, trig, mode
end

-- Turns a job that ran back into a waiting entry. not_before keeps later triggers from pulling it ahead of a backoff.
local function requeue(member, lane, trig, mode, due, failures, not_before, err)
  local jk = job_key(member)
  redis.call('HDEL', jk, 'tk', 'wk', 'pl', 'pt', 'pm', 'pd')
  local f = { 'st', 'w', 'ln', lane, 'tr', trig, 'md', mode, 'du', fmt(due), 'wa', fmt(NOW), 'at', failures,
              'nb', fmt(not_before) }
  if err then f[#f + 1] = 'er'; f[#f + 1] = err end
  redis.call('HSET', jk, unpack(f))
  place(member, lane, due)
end

-- A failed run: one more consecutive failure; at the limit the job goes to the dead-letter set with its last error
-- (a pending trigger is dropped with it: re-drive runs the job again), otherwise it waits until retry_at.
local function fail(member, j, err, retry_at, max_failures)
  local failures = (tonumber(j[7]) or 0) + 1
  if failures >= max_failures then
    local jk = job_key(member)
    redis.call('HDEL', jk, 'tk', 'wk', 'pl', 'pt', 'pm', 'pd', 'nb')
    redis.call('HSET', jk, 'st', 'd', 'at', failures, 'er', err, 'dt', fmt(NOW))
    redis.call('ZADD', DEAD, fmt(NOW), member)
    return 'dead'
  end
  local lane, trig, mode = fold_pending(j)
  requeue(member, lane, trig, mode, retry_at, failures, retry_at, err)
  return 'retry'
end
