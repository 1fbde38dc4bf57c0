package io.syncplane.emulator.server;

import io.syncplane.emulator.http.ApiResponse;
import io.syncplane.emulator.http.GoogleErrors;
import io.syncplane.emulator.requests.RequestLog;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

import java.util.concurrent.ScheduledExecutorService;

/**
 * The Jetty server: a bounded thread pool in front of the {@link CallPipeline}. Started before the pipeline exists, because
 * the pipeline's routes need the root URL, which needs the bound port.
 */
public final class EmulatorServer implements AutoCloseable {

    private final Server server;
    private final ServerConnector connector;
    private volatile Handler handler;

    public EmulatorServer(String host, int port, int maxThreads) {
        QueuedThreadPool threads = new QueuedThreadPool(maxThreads, 4);
        threads.setName("emulator-http");
        threads.setDaemon(true);
        server = new Server(threads);
        HttpConfiguration http = new HttpConfiguration();
        http.setSendServerVersion(false);
        http.setSendXPoweredBy(false);
        connector = new ServerConnector(server, new HttpConnectionFactory(http));
        connector.setHost(host);
        connector.setPort(port);
        server.addConnector(connector);
        server.setHandler(new Handler.Abstract() {
            @Override
            public boolean handle(Request request, Response response, Callback callback) throws Exception {
                Handler current = handler;
                if (current == null) {
                    ApiResponse unavailable = GoogleErrors.unavailable().toResponse();
                    EmulatorHandler.write(response, unavailable, callback);
                    return true;
                }
                return current.handle(request, response, callback);
            }
        });
        server.setErrorHandler(new JsonErrorHandler());
    }

    public void start() throws Exception {
        server.start();
    }

    public int port() {
        return connector.getLocalPort();
    }

    /** Starts answering API calls through this pipeline. */
    public void serve(CallPipeline pipeline, ScheduledExecutorService scheduler, RequestLog requests) {
        EmulatorHandler emulatorHandler = new EmulatorHandler(pipeline, scheduler, requests);
        emulatorHandler.setServer(server);
        try {
            emulatorHandler.start();
        } catch (Exception e) {
            throw new IllegalStateException("cannot start the emulator handler", e);
        }
        handler = emulatorHandler;
    }

    public void join() throws InterruptedException {
        server.join();
    }

    @Override
    public void close() throws Exception {
        server.stop();
    }
}
