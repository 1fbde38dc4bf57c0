package io.syncplane.emulator.gmail;

import java.util.List;

/** A label: system ({@code INBOX}, {@code UNREAD}...) or user ({@code Label_1}). */
public record GmailLabel(String id, String name, boolean system) {

    public static final List<String> SYSTEM_LABELS = List.of("INBOX", "SENT", "DRAFT", "SPAM", "TRASH", "UNREAD",
            "STARRED", "IMPORTANT", "CHAT", "CATEGORY_PERSONAL", "CATEGORY_SOCIAL", "CATEGORY_PROMOTIONS",
            "CATEGORY_UPDATES", "CATEGORY_FORUMS");

    public String type() {
        return system ? "system" : "user";
    }
}
