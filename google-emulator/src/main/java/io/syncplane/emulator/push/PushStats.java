package io.syncplane.emulator.push;

/**
 * Push delivery counters since start.
 *
 * @param gmailDropped notifications deliberately lost (drop rate)
 * @param gmailFailed  notifications given up after every attempt failed
 * @param gmailUndeliverable notifications for a topic with no endpoint
 */
public record PushStats(long gmailDelivered, long gmailDropped, long gmailFailed, long gmailUndeliverable,
                        long calendarDelivered, long calendarFailed) {
}
