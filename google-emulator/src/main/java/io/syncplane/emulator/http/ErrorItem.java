package io.syncplane.emulator.http;

/** One entry of Google's {@code error.errors[]} array; null members are left out of the JSON. */
public record ErrorItem(String domain, String reason, String message, String location, String locationType) {

    public static ErrorItem of(String domain, String reason, String message) {
        return new ErrorItem(domain, reason, message, null, null);
    }
}
