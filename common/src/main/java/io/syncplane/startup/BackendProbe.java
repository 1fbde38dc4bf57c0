package io.syncplane.startup;

import java.util.Optional;

/** One attempt to reach a backend at start. */
@FunctionalInterface
interface BackendProbe {

    /**
     * @return empty when the backend answered; otherwise why it could not be reached (worth waiting for)
     * @throws InvalidSettingException when it answered and said the configuration is wrong (not worth waiting for)
     */
    Optional<String> attempt();
}
