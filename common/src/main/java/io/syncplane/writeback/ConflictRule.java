package io.syncplane.writeback;

import java.util.Optional;

/**
 * Decides a conflict by the source's policy. Google's copy gone under an update is Google's win whatever the
 * policy: there is nothing left to apply the change to. "Newer wins" with no modification time from Google, or a tie,
 * goes to Google, which has the copy everyone else sees.
 */
public final class ConflictRule {

    private ConflictRule() {
    }

    public static Verdict decide(ConflictPolicy policy, OutboundOperation operation, Optional<GoogleCopy> google) {
        if (google.isEmpty() || google.get().isGone()) {
            return new Verdict(WriteConflict.Decision.GOOGLE_WON, "deleted at Google");
        }
        return switch (policy) {
            case GOOGLE_WINS -> new Verdict(WriteConflict.Decision.GOOGLE_WON, "changed at Google; policy google-wins");
            case APPLICATION_WINS -> new Verdict(WriteConflict.Decision.APPLICATION_WON,
                    "changed at Google; policy application-wins");
            case NEWER_WINS -> {
                boolean applicationNewer = google.get().modifiedAt() != null
                        && operation.modifiedAt().isAfter(google.get().modifiedAt());
                yield applicationNewer
                        ? new Verdict(WriteConflict.Decision.APPLICATION_WON, "changed at Google at "
                                + google.get().modifiedAt() + ", before the application's change at "
                                + operation.modifiedAt() + "; policy newer-wins")
                        : new Verdict(WriteConflict.Decision.GOOGLE_WON, "changed at Google at "
                                + google.get().modifiedAt() + ", not before the application's change at "
                                + operation.modifiedAt() + "; policy newer-wins");
            }
        };
    }

    public record Verdict(WriteConflict.Decision decision, String reason) {
    }
}
