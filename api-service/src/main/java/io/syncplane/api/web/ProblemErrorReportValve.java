package io.syncplane.api.web;

import java.io.IOException;
import java.io.OutputStream;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;
import org.apache.coyote.ActionCode;

/**
 * Tomcat refuses some requests before Spring sees them (a {@code %00} or an invalid escape in the path, a malformed
 * request line) and reports them with its HTML error page. This replaces that page with problem+json, so a client
 * gets the same kind of error body whatever layer refused it.
 */
public final class ProblemErrorReportValve extends ErrorReportValve {

    @Override
    protected void report(Request request, Response response, Throwable throwable) {
        int status = response.getStatus();
        if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
            return;
        }
        try {
            response.setContentType("application/problem+json");
            response.setCharacterEncoding("UTF-8");
            byte[] body = RawProblem.body(status, status == 400 ? "invalid-request" : "http-error",
                    status == 400 ? "Bad Request" : "HTTP " + status, "the request was refused by the HTTP layer"
                            + " (invalid characters or escapes in the URL, or a malformed request)");
            response.setContentLength(body.length);
            OutputStream out = response.getOutputStream();
            out.write(body);
            response.finishResponse();
        } catch (IOException | IllegalStateException e) {
            // the client is gone or the response is already committed: nothing left to tell it
        }
        response.getCoyoteResponse().action(ActionCode.CLOSE, null);
    }
}
