package io.syncplane.writeback;

import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Whether Google's copy already carries an operation's fields: how an update whose attempt may have landed is
 * recognised without sending it again (which, with the old etag, would fail as a conflict with ourselves). Google adds
 * to what it was sent (metadata, defaults, display names), so every field sent must be in its copy, not the reverse;
 * times compare as instants, since Google reformats them. A mismatch only means "send again", so a false negative
 * costs a resend (or a recorded conflict), never a lost change.
 */
public final class FieldsMatch {

    private FieldsMatch() {
    }

    public static boolean contains(Map<String, Object> google, Map<String, Object> sent) {
        return sent.entrySet().stream().allMatch(e -> matches(google.get(e.getKey()), e.getValue()));
    }

    @SuppressWarnings("unchecked")
    private static boolean matches(Object google, Object sent) {
        if (sent instanceof Map<?, ?> sentMap) {
            return google instanceof Map<?, ?> googleMap
                    && contains((Map<String, Object>) googleMap, (Map<String, Object>) sentMap);
        }
        if (sent instanceof List<?> sentList) {
            if (!(google instanceof List<?> googleList) || googleList.size() != sentList.size()) {
                return false;
            }
            for (int i = 0; i < sentList.size(); i++) {
                if (!matches(googleList.get(i), sentList.get(i))) {
                    return false;
                }
            }
            return true;
        }
        if (sent instanceof String s && google instanceof String g && !s.equals(g)) {
            return sameInstant(s, g);
        }
        if (sent instanceof Number n && google != null) {
            return String.valueOf(n).equals(String.valueOf(google));
        }
        return Objects.equals(google, sent);
    }

    private static boolean sameInstant(String a, String b) {
        try {
            return OffsetDateTime.parse(a).toInstant().equals(OffsetDateTime.parse(b).toInstant());
        } catch (DateTimeParseException notATime) {
            return false;
        }
    }
}
