package io.syncplane.worker.push;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.SecureRandom;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ChannelSecretsTest {

    private final ChannelSecrets secrets = new ChannelSecrets(new SecureRandom());

    @Test
    void calendar_channel_ids_use_only_characters_google_accepts_and_fit_64() {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 1000; i++) {
            String id = secrets.calendarChannelId();
            assertThat(id).matches("[A-Za-z0-9\\-_+/=]{1,64}");
            seen.add(id);
        }
        assertThat(seen).hasSize(1000);
    }

    @Test
    void tokens_carry_256_random_bits_and_fit_google_limit() {
        String token = secrets.token();
        assertThat(token).hasSize(43).matches("[A-Za-z0-9_-]+"); // 32 bytes, base64url without padding
        assertThat(secrets.token()).isNotEqualTo(token);
    }

    @Test
    void gmail_channel_ids_name_their_connection() {
        assertThat(secrets.gmailChannelId(42)).startsWith("gmail:42:").hasSizeGreaterThan("gmail:42:".length());
    }
}
