package io.syncplane.launcher;

import java.util.Arrays;

/**
 * {@code java -jar syncplane-launcher-*-exec.jar backends|status ...}: what {@code ./demo} needs beyond the services
 * that a machine with only a JDK lacks (no Postgres, no Redis, no psql).
 */
public final class Launcher {

    private Launcher() {
    }

    public static void main(String[] args) throws InterruptedException {
        String command = args.length == 0 ? "" : args[0];
        String[] rest = args.length == 0 ? args : Arrays.copyOfRange(args, 1, args.length);
        switch (command) {
            case "backends" -> EmbeddedBackendsMain.main(rest);
            case "status" -> DemoStatus.main(rest);
            default -> {
                System.err.println("usage: backends [--pg-port N] [--redis-port N] [--data-dir DIR] [--database NAME]"
                        + " [--ready-file FILE] | status JDBC_URL [interval-seconds]");
                System.exit(2);
            }
        }
    }
}
