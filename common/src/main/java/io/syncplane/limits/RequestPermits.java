package io.syncplane.limits;

/**
 * Hands out permission to send one request to Google on behalf of a user. Implementations hold the budget across
 * every worker; {@link #UNLIMITED} is the configuration with request limits switched off.
 */
public interface RequestPermits {

    /** Request limits switched off ({@code syncplane.limits.requests.enabled=false}): every request goes at once. */
    RequestPermits UNLIMITED = (userId, weight) -> Permit.NONE;

    /**
     * Waits (bounded by the configured maximum wait) until the user may send one more request, and takes the permit.
     * Among the user's waiting requests, a higher {@code weight} goes first.
     *
     * @throws RequestBudgetExhaustedException when no permit is to be had within the maximum wait; it says when one
     *                                         is expected
     * @throws InterruptedException            when the waiting thread is interrupted
     */
    Permit acquire(long userId, double weight) throws InterruptedException;

    /** One request's permit: closing it frees the user's in-flight slot. Closing twice is harmless. */
    interface Permit extends AutoCloseable {

        Permit NONE = () -> { };

        @Override
        void close();
    }
}
