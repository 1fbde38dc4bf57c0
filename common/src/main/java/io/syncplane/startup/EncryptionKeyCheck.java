package io.syncplane.startup;

import io.syncplane.crypto.CryptoProperties;
import java.util.Map;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.annotation.Order;
import org.springframework.core.env.Environment;

/** The encryption keys decode (the same parsing the cipher does later), before anything waits for a backend. */
@Order(100)
public class EncryptionKeyCheck implements StartupCheck {

    @Override
    public void check(Environment environment, StartupContext context) {
        if (!Binder.get(environment).bind("syncplane.crypto", Map.class).isBound()) {
            return; // an application without our crypto settings (a tool, a partial test context)
        }
        Binder.get(environment).bind("syncplane.crypto", CryptoProperties.class)
                .orElseGet(() -> new CryptoProperties(null, environment.getProperty("syncplane.crypto.primary-key")))
                .keyRing();
    }
}
