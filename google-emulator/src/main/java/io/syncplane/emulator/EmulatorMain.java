package io.syncplane.emulator;

/**
 * Runs the emulator as a standalone server:
 * {@code java -jar syncplane-google-emulator-<version>.jar --port 8089 --users 1000 --seed 42}. Flags are listed by
 * {@code --help} and in the module README; a bad flag prints one line and exits with 2.
 */
public final class EmulatorMain {

    private EmulatorMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        EmulatorFlags flags;
        try {
            flags = EmulatorFlags.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("google-emulator: " + e.getMessage() + " (try --help)");
            System.exit(2);
            return;
        }
        if (flags.help()) {
            System.out.println(EmulatorFlags.USAGE);
            return;
        }
        GoogleEmulator emulator;
        try {
            emulator = flags.builder().start();
        } catch (RuntimeException e) {
            System.err.println("google-emulator: " + e.getMessage());
            System.exit(1);
            return;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(emulator::close, "emulator-shutdown"));
        System.out.println("Google emulator listening on " + emulator.rootUrl() + " (admin: " + emulator.adminUrl()
                + ", token: " + emulator.tokenUrl() + ")");
        emulator.join();
    }
}
