package io.syncplane.emulator.gmail;

/** The human-visible parts of a message. */
public record MessageText(String from, String to, String subject, String body) {

    public MessageText {
        from = from == null ? "someone@example.test" : from;
        to = to == null ? "" : to;
        subject = subject == null ? "" : subject;
        body = body == null ? "" : body;
    }

    /** Gmail's snippet: the start of the plain text, whitespace collapsed. */
    public String snippet() {
        String collapsed = body.replaceAll("\\s+", " ").trim();
        return collapsed.length() <= 100 ? collapsed : collapsed.substring(0, 100);
    }
}
