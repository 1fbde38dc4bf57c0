package io.syncplane.emulator.bench;

import com.google.api.client.http.HttpRequestInitializer;
import com.google.api.client.http.javanet.NetHttpTransport;
import com.google.api.client.json.gson.GsonFactory;
import com.google.api.services.gmail.Gmail;
import io.syncplane.emulator.GoogleEmulator;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;

/**
 * Idle Gmail history.list calls per second through the real Gmail client, against the emulator and against a trivial
 * Jetty handler answering the same canned body (the baseline), alternated in one process; prints one JSON line.
 * Not a test: run by {@code bench/scripts/emulator}. Settings come from system properties (bench.runs,
 * bench.threads, bench.warmupSeconds, bench.measureSeconds).
 */
public final class HistoryListBenchmark {

    private static final byte[] CANNED = "{\"historyId\":\"1710\"}".getBytes(StandardCharsets.UTF_8);

    private HistoryListBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int runs = Integer.getInteger("bench.runs", 3);
        int threads = Integer.getInteger("bench.threads", 4);
        Duration warmup = Duration.ofSeconds(Integer.getInteger("bench.warmupSeconds", 3));
        Duration measure = Duration.ofSeconds(Integer.getInteger("bench.measureSeconds", 5));
        List<Double> ours = new ArrayList<>();
        List<Double> baseline = new ArrayList<>();
        try (GoogleEmulator emulator = GoogleEmulator.builder().users(threads).messagesPerUser(50)
                .quotasEnabled(false).start();
             CannedServer canned = new CannedServer()) {
            List<Gmail> emulatorClients = new ArrayList<>();
            List<BigInteger> starts = new ArrayList<>();
            List<Gmail> baselineClients = new ArrayList<>();
            for (int i = 1; i <= threads; i++) {
                String email = emulator.admin().email(i);
                String token = emulator.admin().accessToken(email);
                emulatorClients.add(client(emulator.rootUrl(), token));
                baselineClients.add(client(canned.rootUrl(), token));
                starts.add(BigInteger.valueOf(emulator.admin().historyId(email)));
            }
            for (int run = 1; run <= runs; run++) {
                ours.add(measure(emulatorClients, starts, warmup, measure));
                baseline.add(measure(baselineClients, starts, warmup, measure));
                System.err.printf(Locale.ROOT, "run %d: emulator %.0f/s, baseline %.0f/s%n", run,
                        ours.get(run - 1), baseline.get(run - 1));
            }
        }
        double oursMedian = median(ours);
        double baselineMedian = median(baseline);
        System.out.printf(Locale.ROOT, "{\"bench\":\"emulator\",\"history_list_per_s\":%.0f,"
                        + "\"baseline\":\"jetty handler returning the canned idle history.list body\","
                        + "\"baseline_per_s\":%.0f,\"ratio\":%.3f,\"runs\":%d,\"threads\":%d,\"warmup_s\":%d,"
                        + "\"measure_s\":%d,\"emulator_runs_per_s\":%s,\"baseline_runs_per_s\":%s}%n",
                oursMedian, baselineMedian, oursMedian / baselineMedian, runs, threads, warmup.toSeconds(),
                measure.toSeconds(), rounded(ours), rounded(baseline));
    }

    private static Gmail client(String rootUrl, String token) {
        HttpRequestInitializer auth = request -> request.getHeaders().setAuthorization("Bearer " + token);
        return new Gmail.Builder(new NetHttpTransport(), GsonFactory.getDefaultInstance(), auth).setRootUrl(rootUrl)
                .setApplicationName("syncplane-bench").build();
    }

    /** Calls per second over the measuring window, after a warm-up with the same load. */
    private static double measure(List<Gmail> clients, List<BigInteger> starts, Duration warmup, Duration window)
            throws InterruptedException {
        AtomicBoolean stop = new AtomicBoolean();
        AtomicBoolean counting = new AtomicBoolean();
        LongAdder calls = new LongAdder();
        LongAdder failures = new LongAdder();
        List<Thread> workers = new ArrayList<>();
        for (int i = 0; i < clients.size(); i++) {
            Gmail gmail = clients.get(i);
            BigInteger start = starts.get(i);
            Thread worker = new Thread(() -> {
                while (!stop.get()) {
                    try {
                        gmail.users().history().list("me").setStartHistoryId(start).execute();
                        if (counting.get()) {
                            calls.increment();
                        }
                    } catch (Exception e) {
                        failures.increment();
                    }
                }
            }, "bench-client-" + i);
            worker.start();
            workers.add(worker);
        }
        Thread.sleep(warmup.toMillis());
        counting.set(true);
        long begin = System.nanoTime();
        Thread.sleep(window.toMillis());
        long counted = calls.sum();
        double seconds = (System.nanoTime() - begin) / 1e9;
        stop.set(true);
        for (Thread worker : workers) {
            worker.join();
        }
        if (failures.sum() > 0) {
            throw new IllegalStateException(failures.sum() + " calls failed during the benchmark");
        }
        return counted / seconds;
    }

    private static double median(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    private static String rounded(List<Double> values) {
        return values.stream().map(v -> String.format(Locale.ROOT, "%.0f", v)).toList().toString()
                .replace(" ", "");
    }

    /** The baseline: Jetty with the emulator's thread-pool size, answering every request with the canned body. */
    private static final class CannedServer implements AutoCloseable {

        private final Server server;
        private final ServerConnector connector;

        CannedServer() throws Exception {
            QueuedThreadPool threads = new QueuedThreadPool(64, 4);
            threads.setDaemon(true);
            server = new Server(threads);
            connector = new ServerConnector(server);
            connector.setHost("127.0.0.1");
            server.addConnector(connector);
            server.setHandler(new Handler.Abstract() {
                @Override
                public boolean handle(Request request, Response response, Callback callback) {
                    response.setStatus(200);
                    response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json; charset=UTF-8");
                    response.getHeaders().put(HttpHeader.CONTENT_LENGTH, CANNED.length);
                    response.write(true, ByteBuffer.wrap(CANNED), callback);
                    return true;
                }
            });
            server.start();
        }

        String rootUrl() {
            return "http://127.0.0.1:" + connector.getLocalPort() + "/";
        }

        @Override
        public void close() throws Exception {
            server.stop();
        }
    }
}
