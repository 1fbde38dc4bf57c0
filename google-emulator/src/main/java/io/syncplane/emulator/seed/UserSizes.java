package io.syncplane.emulator.seed;

/** How many items of each source one user is seeded with. */
public record UserSizes(int messages, int events, int contacts, int tasks) {

    public UserSizes {
        if (messages < 0 || events < 0 || contacts < 0 || tasks < 0) {
            throw new IllegalArgumentException("sizes must not be negative: " + messages + "/" + events + "/"
                    + contacts + "/" + tasks);
        }
    }

    public UserSizes withMessages(int count) {
        return new UserSizes(count, events, contacts, tasks);
    }
}
