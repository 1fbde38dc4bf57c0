package io.syncplane.api;

import java.util.Optional;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code syncplane.api.*}.
 *
 * @param bootstrapKey the first operator key (SYNCPLANE_API_BOOTSTRAP_KEY); operators issue further keys with it
 * @param maxBodyBytes the largest request body accepted
 */
@ConfigurationProperties("syncplane.api")
public record ApiProperties(String bootstrapKey, Long maxBodyBytes) {

    public ApiProperties {
        maxBodyBytes = maxBodyBytes == null ? 64 * 1024 : maxBodyBytes;
        if (bootstrapKey != null && !bootstrapKey.isBlank() && bootstrapKey.length() < 16) {
            throw new IllegalArgumentException("SYNCPLANE_API_BOOTSTRAP_KEY (syncplane.api.bootstrap-key) must be"
                    + " at least 16 characters; make one with: openssl rand -base64 32");
        }
    }

    public Optional<String> bootstrap() {
        return bootstrapKey == null || bootstrapKey.isBlank() ? Optional.empty() : Optional.of(bootstrapKey);
    }
}
