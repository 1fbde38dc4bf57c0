package io.syncplane.emulator.gmail;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Predicate;

/**
 * The subset of Gmail's search syntax the emulator understands: {@code in:} / {@code label:} / {@code is:} (labels),
 * {@code from:}, {@code to:}, {@code subject:}, {@code after:} / {@code before:} (yyyy/mm/dd or epoch seconds),
 * {@code newer_than:} / {@code older_than:} (Nd, Nm, Ny), a leading {@code -} to negate, and bare words matched against
 * sender, subject and body. Anything else is a bare word.
 */
final class MessageQuery {

    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyy/M/d");

    private MessageQuery() {
    }

    static Predicate<GmailMessage> parse(String q, List<GmailLabel> labels, Instant now) {
        Predicate<GmailMessage> all = message -> true;
        if (q == null || q.isBlank()) {
            return all;
        }
        List<Predicate<GmailMessage>> terms = new ArrayList<>();
        for (String token : q.trim().split("\\s+")) {
            boolean negate = token.startsWith("-") && token.length() > 1;
            String term = negate ? token.substring(1) : token;
            Predicate<GmailMessage> predicate = term(term, labels, now);
            terms.add(negate ? predicate.negate() : predicate);
        }
        return message -> terms.stream().allMatch(term -> term.test(message));
    }

    private static Predicate<GmailMessage> term(String term, List<GmailLabel> labels, Instant now) {
        int colon = term.indexOf(':');
        if (colon > 0) {
            String operator = term.substring(0, colon).toLowerCase(Locale.ROOT);
            String value = term.substring(colon + 1);
            switch (operator) {
                case "in", "label", "is" -> {
                    String labelId = labelId(value, labels);
                    return message -> message.hasLabel(labelId);
                }
                case "from" -> {
                    return message -> contains(message.content().text().from(), value);
                }
                case "to" -> {
                    return message -> contains(message.content().text().to(), value);
                }
                case "subject" -> {
                    return message -> contains(message.content().text().subject(), value);
                }
                case "after", "before" -> {
                    Long millis = dateMillis(value);
                    if (millis != null) {
                        return operator.equals("after")
                                ? message -> message.internalDate() >= millis
                                : message -> message.internalDate() < millis;
                    }
                }
                case "newer_than", "older_than" -> {
                    Duration age = age(value);
                    if (age != null) {
                        long cut = now.minus(age).toEpochMilli();
                        return operator.equals("newer_than")
                                ? message -> message.internalDate() >= cut
                                : message -> message.internalDate() < cut;
                    }
                }
                default -> { }
            }
        }
        return message -> {
            MessageText text = message.content().text();
            return contains(text.subject(), term) || contains(text.from(), term) || contains(text.body(), term);
        };
    }

    private static String labelId(String value, List<GmailLabel> labels) {
        for (GmailLabel label : labels) {
            if (label.id().equalsIgnoreCase(value) || label.name().equalsIgnoreCase(value)) {
                return label.id();
            }
        }
        return value.toUpperCase(Locale.ROOT);
    }

    private static boolean contains(String haystack, String needle) {
        return haystack.toLowerCase(Locale.ROOT).contains(needle.toLowerCase(Locale.ROOT));
    }

    private static Long dateMillis(String value) {
        if (value.chars().allMatch(Character::isDigit) && !value.isEmpty()) {
            return Long.parseLong(value) * 1000;
        }
        try {
            return LocalDate.parse(value, DAY).atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli();
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private static Duration age(String value) {
        if (value.length() < 2) {
            return null;
        }
        String digits = value.substring(0, value.length() - 1);
        if (!digits.chars().allMatch(Character::isDigit)) {
            return null;
        }
        long amount = Long.parseLong(digits);
        return switch (Character.toLowerCase(value.charAt(value.length() - 1))) {
            case 'd' -> Duration.ofDays(amount);
            case 'm' -> Duration.ofDays(amount * 30);
            case 'y' -> Duration.ofDays(amount * 365);
            default -> null;
        };
    }
}
