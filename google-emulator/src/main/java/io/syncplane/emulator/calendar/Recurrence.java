package io.syncplane.emulator.calendar;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * A series' recurrence lines (RFC 5545 as Calendar takes them: RRULE, EXRULE, RDATE, EXDATE), read far enough to say
 * whether an instant is one of the series' occurrences. Rules with FREQ, INTERVAL, COUNT and UNTIL are checked exactly;
 * a rule with BY* parts or an RDATE is accepted but not expanded, and then every instant from the series' start on
 * counts as an occurrence (the emulator does not expand series: {@code singleEvents=true} is not supported).
 */
public final class Recurrence {

    private static final DateTimeFormatter BASIC_DATE_TIME = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'",
            Locale.ROOT);
    private static final DateTimeFormatter BASIC_DATE = DateTimeFormatter.BASIC_ISO_DATE;
    /** Bounds the walk over occurrences; a series longer than this is treated as unchecked past it. */
    private static final int MAX_STEPS = 50_000;

    private final ChronoUnit unit;
    private final int interval;
    private final Integer count;
    private final Instant until;
    private final boolean exact;
    private final Set<Instant> excluded;

    private Recurrence(ChronoUnit unit, int interval, Integer count, Instant until, boolean exact,
                       Set<Instant> excluded) {
        this.unit = unit;
        this.interval = interval;
        this.count = count;
        this.until = until;
        this.exact = exact;
        this.excluded = excluded;
    }

    /** Reads the lines; an unreadable one is an {@link IllegalArgumentException} (Calendar answers 400). */
    public static Recurrence parse(List<String> lines) {
        ChronoUnit unit = null;
        int interval = 1;
        Integer count = null;
        Instant until = null;
        boolean exact = true;
        Set<Instant> excluded = new HashSet<>();
        for (String line : lines) {
            int colon = line.indexOf(':');
            if (colon <= 0) {
                throw new IllegalArgumentException("Invalid recurrence rule: " + line);
            }
            String name = line.substring(0, colon).toUpperCase(Locale.ROOT);
            String value = line.substring(colon + 1);
            String property = name.contains(";") ? name.substring(0, name.indexOf(';')) : name;
            switch (property) {
                case "RRULE" -> {
                    if (unit != null) {
                        exact = false; // several rules: their union is not walked
                    }
                    for (String part : value.split(";")) {
                        String[] kv = part.split("=", 2);
                        if (kv.length != 2) {
                            throw new IllegalArgumentException("Invalid recurrence rule: " + line);
                        }
                        switch (kv[0].toUpperCase(Locale.ROOT)) {
                            case "FREQ" -> unit = frequency(kv[1], line);
                            case "INTERVAL" -> interval = positive(kv[1], line);
                            case "COUNT" -> count = positive(kv[1], line);
                            case "UNTIL" -> until = time(kv[1], line);
                            case "WKST" -> { }
                            default -> exact = false;
                        }
                    }
                    if (unit == null) {
                        throw new IllegalArgumentException("Invalid recurrence rule: " + line);
                    }
                }
                case "EXDATE" -> {
                    for (String date : value.split(",")) {
                        excluded.add(time(date, line));
                    }
                }
                case "RDATE", "EXRULE" -> exact = false;
                default -> throw new IllegalArgumentException("Invalid recurrence rule: " + line);
            }
        }
        if (unit == null) {
            throw new IllegalArgumentException("Invalid recurrence: no RRULE");
        }
        return new Recurrence(unit, interval, count, until, exact, Set.copyOf(excluded));
    }

    /** Whether the series starting at {@code seriesStart} has an occurrence starting at {@code candidate}. */
    public boolean occursAt(EventTime seriesStart, EventTime candidate) {
        if ((seriesStart.date() == null) != (candidate.date() == null)) {
            return false;
        }
        Instant target = candidate.instant();
        if (excluded.contains(target) || target.isBefore(seriesStart.instant())) {
            return false;
        }
        if (!exact) {
            return true;
        }
        LocalDateTime first = LocalDateTime.ofInstant(seriesStart.instant(), ZoneOffset.UTC);
        for (int k = 0; k < MAX_STEPS; k++) {
            if (count != null && k >= count) {
                return false;
            }
            Instant occurrence = first.plus((long) k * interval, unit).toInstant(ZoneOffset.UTC);
            if (until != null && occurrence.isAfter(until)) {
                return false;
            }
            int order = occurrence.compareTo(target);
            if (order == 0) {
                return true;
            }
            if (order > 0) {
                return false;
            }
        }
        return true;
    }

    /** The id Calendar gives an occurrence of a series: {@code <masterId>_<yyyyMMddTHHmmssZ>} (all-day: yyyyMMdd). */
    public static String instanceId(String masterId, EventTime originalStart) {
        String suffix = originalStart.date() != null ? originalStart.date().format(BASIC_DATE)
                : BASIC_DATE_TIME.format(originalStart.dateTime().atOffset(ZoneOffset.UTC));
        return masterId + "_" + suffix;
    }

    /**
     * The original start an instance id names ({@code <masterId>_<yyyyMMddTHHmmssZ>} or {@code _<yyyyMMdd>}), or
     * null when {@code instanceId} is not {@code masterId} followed by such a suffix.
     */
    public static EventTime originalStartOf(String masterId, String instanceId) {
        if (!instanceId.startsWith(masterId + "_")) {
            return null;
        }
        String suffix = instanceId.substring(masterId.length() + 1);
        try {
            if (suffix.length() == 8) {
                return EventTime.allDay(LocalDate.parse(suffix, BASIC_DATE));
            }
            return EventTime.at(LocalDateTime.parse(suffix, BASIC_DATE_TIME).toInstant(ZoneOffset.UTC));
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private static ChronoUnit frequency(String value, String line) {
        return switch (value.toUpperCase(Locale.ROOT)) {
            case "DAILY" -> ChronoUnit.DAYS;
            case "WEEKLY" -> ChronoUnit.WEEKS;
            case "MONTHLY" -> ChronoUnit.MONTHS;
            case "YEARLY" -> ChronoUnit.YEARS;
            default -> throw new IllegalArgumentException("Unsupported recurrence frequency in " + line);
        };
    }

    private static int positive(String value, String line) {
        try {
            int parsed = Integer.parseInt(value);
            if (parsed < 1) {
                throw new NumberFormatException();
            }
            return parsed;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("Invalid recurrence rule: " + line);
        }
    }

    /** An RFC 5545 DATE or UTC DATE-TIME; local times are read as UTC, the emulator's only time zone. */
    private static Instant time(String value, String line) {
        String text = value.trim();
        try {
            if (text.length() == 8) {
                return LocalDate.parse(text, BASIC_DATE).atStartOfDay(ZoneOffset.UTC).toInstant();
            }
            String utc = text.endsWith("Z") ? text : text + "Z";
            return LocalDateTime.parse(utc, BASIC_DATE_TIME).toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("Invalid date in recurrence: " + line);
        }
    }
}
