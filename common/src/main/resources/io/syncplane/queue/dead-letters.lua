-- dead-letters: the newest ARGV[3] dead-lettered jobs of this partition.
-- Returns the partition's dead count, then 6 values per job: member, dead since ms, trigger, mode, failures, error.
local dead = redis.call('ZREVRANGE', DEAD, 0, tonumber(ARGV[3]) - 1, 'WITHSCORES')
local out = { redis.call('ZCARD', DEAD) }
for i = 1, #dead, 2 do
  local j = read_job(dead[i])
  if j then
    out[#out + 1] = dead[i]
    out[#out + 1] = dead[i + 1]
    out[#out + 1] = j.tr
    out[#out + 1] = j.md
    out[#out + 1] = j.at
    out[#out + 1] = j.er
  end
end
return out
