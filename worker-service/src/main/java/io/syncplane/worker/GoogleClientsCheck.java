package io.syncplane.worker;

import io.syncplane.google.GoogleProperties;
import io.syncplane.startup.InvalidSettingException;
import io.syncplane.startup.StartupCheck;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.annotation.Order;
import org.springframework.core.env.Environment;

/**
 * A worker without an OAuth client cannot refresh any account's token, so every sync it claims would fail; say so
 * at start instead, in one line. Registered in this module's {@code META-INF/spring.factories}.
 */
@Order(200)
public class GoogleClientsCheck implements StartupCheck {

    private static final String SETTING = "syncplane.google.clients";
    private static final String FIX = "pass --syncplane.google.clients[0].id=<OAuth client id> "
            + "--syncplane.google.clients[0].secret=<its secret> (or SYNCPLANE_GOOGLE_CLIENTS_0_ID and "
            + "SYNCPLANE_GOOGLE_CLIENTS_0_SECRET); ./demo passes the emulator's";

    @Override
    public void check(Environment environment, StartupContext context) {
        if (!environment.getProperty("syncplane.worker.enabled", Boolean.class, true)) {
            return; // a worker that does not claim syncs needs no client
        }
        require(Binder.get(environment).bind("syncplane.google", GoogleProperties.class)
                .orElseGet(() -> new GoogleProperties(null, null, null, null, null, null)));
    }

    static void require(GoogleProperties properties) {
        if (properties.clients().isEmpty()) {
            throw new InvalidSettingException(SETTING, "no OAuth client is configured, so no account's token can be "
                    + "refreshed", FIX);
        }
        for (int i = 0; i < properties.clients().size(); i++) {
            GoogleProperties.OAuthClient client = properties.clients().get(i);
            if (client.id() == null || client.id().isBlank() || client.secret() == null || client.secret().isBlank()) {
                throw new InvalidSettingException(SETTING + "[" + i + "]", "needs both an id and a secret", FIX);
            }
        }
    }
}
