package io.syncplane.queue;

import java.time.Duration;
import java.util.Objects;

/**
 * Everything the queue can be tuned by. Every process that uses one queue (API services enqueueing, workers claiming)
 * must use the same {@code keyPrefix} and {@code partitions}; the queue checks the partition count against Redis on
 * connect.
 *
 * @param keyPrefix prefix of every key; must not contain braces (they delimit the cluster hash tag)
 * @param partitions how many independent shards the queue is cut into (see package docs); changing it means flushing
 *     the queue keys and letting the stale-sync scanner rebuild them
 * @param pushDebounce a push never starts a run sooner than this after the last run of the same entry started;
 *     {@link Duration#ZERO} turns debouncing off
 * @param deadLetterAfter consecutive failures (expired leases included) after which a job is dead-lettered
 * @param maxRunningPerConnection concurrent runs per connection across all workers
 * @param rateLimits per-connection token bucket, see {@link RateLimitPolicy}
 * @param laneWeights share of claims per lane, see {@link LaneWeights}
 * @param commandTimeout how long a queue call waits for Redis before it throws {@link QueueUnavailableException}
 */
public record QueueSettings(String keyPrefix, int partitions, Duration pushDebounce, int deadLetterAfter,
                            int maxRunningPerConnection, RateLimitPolicy rateLimits, LaneWeights laneWeights,
                            Duration commandTimeout) {

    public static final String DEFAULT_KEY_PREFIX = "syncplane:queue:";

    public QueueSettings {
        Objects.requireNonNull(keyPrefix, "keyPrefix");
        Objects.requireNonNull(pushDebounce, "pushDebounce");
        Objects.requireNonNull(rateLimits, "rateLimits");
        Objects.requireNonNull(laneWeights, "laneWeights");
        Objects.requireNonNull(commandTimeout, "commandTimeout");
        if (keyPrefix.indexOf('{') >= 0 || keyPrefix.indexOf('}') >= 0) {
            throw new IllegalArgumentException("keyPrefix must not contain braces: " + keyPrefix);
        }
        if (partitions < 1 || partitions > 16384) {
            throw new IllegalArgumentException("partitions must be within 1..16384: " + partitions);
        }
        if (pushDebounce.isNegative()) {
            throw new IllegalArgumentException("pushDebounce must not be negative: " + pushDebounce);
        }
        if (deadLetterAfter < 1) {
            throw new IllegalArgumentException("deadLetterAfter must be at least 1: " + deadLetterAfter);
        }
        if (maxRunningPerConnection < 1) {
            throw new IllegalArgumentException(
                    "maxRunningPerConnection must be at least 1: " + maxRunningPerConnection);
        }
        if (commandTimeout.isNegative() || commandTimeout.isZero()) {
            throw new IllegalArgumentException("commandTimeout must be positive: " + commandTimeout);
        }
    }

    /**
     * Eight partitions, 2 s push debounce, dead-letter after 10 failures in a row, 5 concurrent runs per connection,
     * one claim per second per connection with bursts of 3, lane weights 6/3/1, 5 s command timeout.
     */
    public static QueueSettings defaults() {
        return new QueueSettings(DEFAULT_KEY_PREFIX, 8, Duration.ofSeconds(2), 10, 5, RateLimitPolicy.defaults(),
                LaneWeights.defaults(), Duration.ofSeconds(5));
    }

    public QueueSettings withKeyPrefix(String value) {
        return new QueueSettings(value, partitions, pushDebounce, deadLetterAfter, maxRunningPerConnection, rateLimits,
                laneWeights, commandTimeout);
    }

    public QueueSettings withPartitions(int value) {
        return new QueueSettings(keyPrefix, value, pushDebounce, deadLetterAfter, maxRunningPerConnection, rateLimits,
                laneWeights, commandTimeout);
    }

    public QueueSettings withPushDebounce(Duration value) {
        return new QueueSettings(keyPrefix, partitions, value, deadLetterAfter, maxRunningPerConnection, rateLimits,
                laneWeights, commandTimeout);
    }

    public QueueSettings withDeadLetterAfter(int value) {
        return new QueueSettings(keyPrefix, partitions, pushDebounce, value, maxRunningPerConnection, rateLimits,
                laneWeights, commandTimeout);
    }

    public QueueSettings withMaxRunningPerConnection(int value) {
        return new QueueSettings(keyPrefix, partitions, pushDebounce, deadLetterAfter, value, rateLimits, laneWeights,
                commandTimeout);
    }

    public QueueSettings withRateLimits(RateLimitPolicy value) {
        return new QueueSettings(keyPrefix, partitions, pushDebounce, deadLetterAfter, maxRunningPerConnection, value,
                laneWeights, commandTimeout);
    }

    public QueueSettings withLaneWeights(LaneWeights value) {
        return new QueueSettings(keyPrefix, partitions, pushDebounce, deadLetterAfter, maxRunningPerConnection,
                rateLimits, value, commandTimeout);
    }

    public QueueSettings withCommandTimeout(Duration value) {
        return new QueueSettings(keyPrefix, partitions, pushDebounce, deadLetterAfter, maxRunningPerConnection,
                rateLimits, laneWeights, value);
    }
}
