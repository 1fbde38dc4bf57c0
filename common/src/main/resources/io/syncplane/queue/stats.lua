-- stats: sizes of this partition. Returns ready per lane (3), delayed per lane (3), running, dead, parked.
return {
  redis.call('ZCARD', READY[1]), redis.call('ZCARD', READY[2]), redis.call('ZCARD', READY[3]),
  redis.call('ZCARD', DELAYED[1]), redis.call('ZCARD', DELAYED[2]), redis.call('ZCARD', DELAYED[3]),
  redis.call('ZCARD', LEASES), redis.call('ZCARD', DEAD), tonumber(redis.call('HGET', META, 'pk')) or 0
}
