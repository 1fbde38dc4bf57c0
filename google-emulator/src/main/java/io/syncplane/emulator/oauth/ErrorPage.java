package io.syncplane.emulator.oauth;

import io.syncplane.emulator.http.ApiResponse;

/**
 * The page Google's authorization endpoint shows instead of redirecting, when it cannot trust the client or the
 * redirect URI ("Error 400: redirect_uri_mismatch"). HTML, because a browser shows it; the error code also goes in a
 * header so tests need not scrape the page.
 */
final class ErrorPage {

    static final String ERROR_HEADER = "X-Emulator-OAuth-Error";

    private ErrorPage() {
    }

    static ApiResponse of(int status, String error, String description) {
        String html = "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Error " + status
                + " (OAuth2 Error)</title></head><body><h1>Access blocked: this app's request is invalid</h1>"
                + "<p><b>Error " + status + ": " + escape(error) + "</b></p><p>" + escape(description)
                + "</p></body></html>";
        return ApiResponse.text(status, "text/html; charset=utf-8", html).withHeader(ERROR_HEADER, error);
    }

    /** The description quotes the caller's redirect URI: escape it, or the page is an XSS vector. */
    private static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (char c : text.toCharArray()) {
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
