package io.syncplane.emulator.calendar;

/** Receives what Calendar push needs to know; implemented by the push package. */
public interface CalendarNotifier {

    /** A channel was opened: Google sends the {@code sync} message. */
    void channelOpened(Channel channel);

    /** A calendar changed: every active channel on it gets an {@code exists} message. */
    void calendarChanged(String userEmail, String calendarId);

    CalendarNotifier NONE = new CalendarNotifier() {
        @Override
        public void channelOpened(Channel channel) {
        }

        @Override
        public void calendarChanged(String userEmail, String calendarId) {
        }
    };
}
