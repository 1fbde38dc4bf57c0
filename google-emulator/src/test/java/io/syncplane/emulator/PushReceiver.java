package io.syncplane.emulator;

import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/** A tiny HTTP endpoint catching pushes; answers 200, or 500 for the first {@link #failNext} requests. */
public final class PushReceiver implements AutoCloseable {

    /** One received push. */
    public record Push(String path, Map<String, List<String>> headers, String body, long receivedNanos) {

        public String header(String name) {
            for (Map.Entry<String, List<String>> entry : headers.entrySet()) {
                if (entry.getKey().equalsIgnoreCase(name)) {
                    return entry.getValue().get(0);
                }
            }
            return null;
        }
    }

    private final HttpServer server;
    private final List<Push> pushes = new CopyOnWriteArrayList<>();
    private final AtomicInteger failNext = new AtomicInteger();
    private final AtomicInteger failures = new AtomicInteger();

    public PushReceiver() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            byte[] body = exchange.getRequestBody().readAllBytes();
            boolean fail = failNext.getAndUpdate(n -> Math.max(0, n - 1)) > 0;
            if (fail) {
                failures.incrementAndGet();
            } else {
                pushes.add(new Push(exchange.getRequestURI().getPath(), Map.copyOf(exchange.getRequestHeaders()),
                        new String(body, StandardCharsets.UTF_8), System.nanoTime()));
            }
            exchange.sendResponseHeaders(fail ? 500 : 200, -1);
            exchange.close();
        });
        server.start();
    }

    public String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    public List<Push> pushes() {
        return new ArrayList<>(pushes);
    }

    public void failNext(int count) {
        failNext.set(count);
    }

    public int failures() {
        return failures.get();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
