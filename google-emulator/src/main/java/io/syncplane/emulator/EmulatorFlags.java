package io.syncplane.emulator;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;

/** Command-line flags of {@link EmulatorMain}; both {@code --flag value} and {@code --flag=value} work. */
record EmulatorFlags(EmulatorBuilder builder, boolean help) {

    static final String USAGE = """
            Usage: java -jar syncplane-google-emulator-<version>.jar [flags]
              --host ADDR                  interface to bind (default 127.0.0.1; 0.0.0.0 for containers)
              --port N                     port (default 8089; 0 = any free port)
              --users N                    number of users user00001@example.test ... (default 1000)
              --seed N                     seed for all generated data (default 42)
              --messages-per-user N        Gmail messages per user (default 200)
              --messages-for INDEX=N       a different mailbox size for one user, e.g. 1=100000 (repeatable)
              --events-per-user N          primary-calendar events per user (default 20; secondaries get half)
              --calendars-per-user N       calendars in each user's list, primary included (default 3)
              --recurring-per-calendar N   recurring series per calendar, each with a moved and a cancelled
                                           occurrence (default 1)
              --contacts-per-user N        contacts per user (default 20)
              --tasks-per-user N           tasks per user (default 10)
              --token-lifetime DURATION    access-token lifetime (default 3600s)
              --history-horizon DURATION   how long cursors stay valid (default 7d)
              --max-history-records N      Gmail history records kept per user (default 100000)
              --activity-rate N            random mutations per second across all users (default 0)
              --pubsub-push-endpoint URL   where Gmail Pub/Sub pushes are POSTed (default: none)
              --push-audience AUD          JWT audience of pushes (default: the push endpoint URL)
              --push-drop-rate F           fraction of Gmail pushes silently lost, 0..1 (default 0)
              --quota=on|off               enforce per-user quotas (default on)
              --threads N                  maximum HTTP threads (default 64)
              --help                       this text
            DURATION: a number of seconds, or a number with s, m, h or d (90s, 15m, 1h, 7d), or ISO-8601 (PT1H).""";

    private static final java.util.Set<String> KNOWN = java.util.Set.of("host", "port", "users", "seed",
            "messages-per-user", "messages-for", "events-per-user", "calendars-per-user", "recurring-per-calendar",
            "contacts-per-user", "tasks-per-user",
            "token-lifetime", "history-horizon", "max-history-records", "activity-rate", "pubsub-push-endpoint",
            "push-audience", "push-drop-rate", "quota", "threads");

    static EmulatorFlags parse(String[] args) {
        EmulatorBuilder builder = GoogleEmulator.builder().port(8089).users(1000).messagesPerUser(200)
                .eventsPerUser(20).calendarsPerUser(3).recurringPerCalendar(1).contactsPerUser(20).tasksPerUser(10);
        boolean help = false;
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (!arg.startsWith("--")) {
                throw new IllegalArgumentException("unexpected argument '" + arg + "'");
            }
            String name = arg.substring(2);
            String value = null;
            int eq = name.indexOf('=');
            if (eq >= 0) {
                value = name.substring(eq + 1);
                name = name.substring(0, eq);
            }
            if (name.equals("help")) {
                help = true;
                continue;
            }
            if (!KNOWN.contains(name)) {
                throw new IllegalArgumentException("unknown flag --" + name);
            }
            if (value == null) {
                if (i + 1 >= args.length) {
                    throw new IllegalArgumentException("--" + name + " needs a value");
                }
                value = args[++i];
            }
            apply(builder, name, value);
        }
        builder.config();
        return new EmulatorFlags(builder, help);
    }

    private static void apply(EmulatorBuilder builder, String name, String value) {
        switch (name) {
            case "host" -> builder.host(value);
            case "port" -> builder.port(integer(name, value, 0, 65_535));
            case "users" -> builder.users(integer(name, value, 1, 10_000_000));
            case "seed" -> builder.seed(longValue(name, value));
            case "messages-per-user" -> builder.messagesPerUser(integer(name, value, 0, 1_000_000));
            case "messages-for" -> {
                int eq = value.indexOf('=');
                if (eq <= 0) {
                    throw new IllegalArgumentException("--messages-for expects INDEX=N, got '" + value + "'");
                }
                builder.messagesFor(integer(name, value.substring(0, eq), 1, 10_000_000),
                        integer(name, value.substring(eq + 1), 0, 1_000_000));
            }
            case "events-per-user" -> builder.eventsPerUser(integer(name, value, 0, 1_000_000));
            case "calendars-per-user" -> builder.calendarsPerUser(integer(name, value, 1, 1_000));
            case "recurring-per-calendar" -> builder.recurringPerCalendar(integer(name, value, 0, 10_000));
            case "contacts-per-user" -> builder.contactsPerUser(integer(name, value, 0, 1_000_000));
            case "tasks-per-user" -> builder.tasksPerUser(integer(name, value, 0, 1_000_000));
            case "token-lifetime" -> builder.tokenLifetime(duration(name, value));
            case "history-horizon" -> builder.historyHorizon(duration(name, value));
            case "max-history-records" -> builder.maxHistoryRecords(integer(name, value, 1, Integer.MAX_VALUE));
            case "activity-rate" -> builder.activityRate(decimal(name, value, 0, 1_000_000));
            case "pubsub-push-endpoint" -> builder.pubsubPushEndpoint(value);
            case "push-audience" -> builder.pushAudience(value);
            case "push-drop-rate" -> builder.pushDropRate(decimal(name, value, 0, 1));
            case "quota" -> builder.quotasEnabled(switch (value.toLowerCase(Locale.ROOT)) {
                case "on", "true" -> true;
                case "off", "false" -> false;
                default -> throw new IllegalArgumentException("--quota must be on or off, got '" + value + "'");
            });
            case "threads" -> builder.maxThreads(integer(name, value, 8, 10_000));
            default -> throw new IllegalArgumentException("unknown flag --" + name);
        }
    }

    private static int integer(String name, String value, int min, int max) {
        long parsed = longValue(name, value);
        if (parsed < min || parsed > max) {
            throw new IllegalArgumentException("--" + name + " must be between " + min + " and " + max
                    + ", got " + value);
        }
        return (int) parsed;
    }

    private static long longValue(String name, String value) {
        try {
            return Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--" + name + " expects a whole number, got '" + value + "'");
        }
    }

    private static double decimal(String name, String value, double min, double max) {
        double parsed;
        try {
            parsed = Double.parseDouble(value.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--" + name + " expects a number, got '" + value + "'");
        }
        if (!(parsed >= min && parsed <= max)) {
            throw new IllegalArgumentException("--" + name + " must be between " + min + " and " + max);
        }
        return parsed;
    }

    static Duration duration(String name, String value) {
        String text = value.trim().toLowerCase(Locale.ROOT);
        try {
            if (text.startsWith("p")) {
                return positive(name, Duration.parse(text.toUpperCase(Locale.ROOT)));
            }
            char unit = text.isEmpty() ? ' ' : text.charAt(text.length() - 1);
            if (Character.isDigit(unit)) {
                return positive(name, Duration.ofSeconds(Long.parseLong(text)));
            }
            long amount = Long.parseLong(text.substring(0, text.length() - 1));
            return positive(name, switch (unit) {
                case 's' -> Duration.ofSeconds(amount);
                case 'm' -> Duration.ofMinutes(amount);
                case 'h' -> Duration.ofHours(amount);
                case 'd' -> Duration.ofDays(amount);
                default -> throw new NumberFormatException();
            });
        } catch (NumberFormatException | DateTimeParseException e) {
            throw new IllegalArgumentException("--" + name + " expects a duration like 3600, 90s, 15m, 1h or 7d, got '"
                    + value + "'");
        }
    }

    private static Duration positive(String name, Duration duration) {
        if (duration.isNegative() || duration.isZero()) {
            throw new IllegalArgumentException("--" + name + " must be positive");
        }
        return duration;
    }
}
