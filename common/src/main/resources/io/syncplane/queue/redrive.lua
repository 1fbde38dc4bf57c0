-- redrive: a dead-lettered job waits again, due now, with its failure count reset. ARGV[3] member. Returns 1 or 0.
local member = ARGV[3]
local j = read_job(member)
if not j or j.st ~= 'd' then return 0 end
redis.call('ZREM', DEAD, member)
j.st = 'w'; j.at = 0; j.du = NOW; j.wa = NOW; j.nb = 0; j.dt = nil
write_job(member, j)
place(member, j.ln, NOW)
return 1
