package io.syncplane.bench.faults;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * A Redis of this run only, without persistence ({@code --save '' --appendonly no}): a restart comes back empty,
 * as a crashed cache node would, and the queue must be rebuilt from the ledger.
 */
final class ScratchRedis implements AutoCloseable {

    private final Path log;
    private final int port;
    private Process process;

    ScratchRedis(Path scratch, int port) {
        this.log = scratch.resolve("redis.log");
        this.port = port;
        start();
    }

    String uri() {
        return "redis://127.0.0.1:" + port;
    }

    void start() {
        try {
            process = new ProcessBuilder("redis-server", "--port", Integer.toString(port), "--bind", "127.0.0.1",
                    "--save", "", "--appendonly", "no", "--maxmemory-policy", "noeviction")
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        } catch (java.io.IOException e) {
            throw new IllegalStateException("cannot start redis-server", e);
        }
        for (int i = 0; i < 100; i++) {
            if (ping()) {
                return;
            }
            Commands.sleep(100);
        }
        throw new IllegalStateException("redis-server did not answer on :" + port + " (see " + log + ")");
    }

    /** A hard stop: the process is killed, so clients see their connections reset, not a polite goodbye. */
    void kill() {
        if (process != null) {
            process.destroyForcibly();
            try {
                process.waitFor(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            process = null;
        }
    }

    void flushAll() {
        Commands.run(log, "redis-cli", "-p", Integer.toString(port), "FLUSHALL");
    }

    /** Every member of every dead-letter set ({@code <prefix>{p}:dead}), as "key member". */
    java.util.List<String> deadLetters() {
        java.util.List<String> out = new java.util.ArrayList<>();
        for (String key : cli("--scan", "--pattern", "*:dead")) {
            for (String member : cli("ZRANGE", key, "0", "-1")) {
                out.add(key + " " + member);
            }
        }
        return out;
    }

    private java.util.List<String> cli(String... args) {
        java.util.List<String> command = new java.util.ArrayList<>(java.util.List.of("redis-cli", "-p",
                Integer.toString(port)));
        command.addAll(java.util.List.of(args));
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes()).trim();
            if (p.waitFor() != 0) {
                throw new IllegalStateException("redis-cli " + String.join(" ", args) + ": " + out);
            }
            return out.isEmpty() ? java.util.List.of() : java.util.List.of(out.split("\\R"));
        } catch (java.io.IOException e) {
            throw new IllegalStateException("cannot run redis-cli", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    boolean ping() {
        try {
            Process p = new ProcessBuilder("redis-cli", "-p", Integer.toString(port), "PING")
                    .redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes()).trim();
            return p.waitFor() == 0 && "PONG".equals(out);
        } catch (Exception e) {
            return false;
        }
    }

    @Override
    public void close() {
        kill();
    }
}
