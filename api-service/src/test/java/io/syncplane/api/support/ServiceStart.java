package io.syncplane.api.support;

import io.syncplane.api.ApiServiceApplication;
import java.io.IOException;
import java.io.InputStream;
import java.net.ServerSocket;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Collections;
import java.util.Map;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/** Starts a service in this JVM the way its command line would, for tests that need their own instance. */
public final class ServiceStart {

    private ServiceStart() {
    }

    /** Runs {@code application} with the properties as command-line arguments. */
    public static ConfigurableApplicationContext run(Class<?> application, Map<String, ?> properties) {
        // as arguments: they must win over application.yml, which default properties would not
        return new SpringApplicationBuilder(application).run(properties.entrySet().stream()
                .map(e -> "--" + e.getKey() + "=" + e.getValue()).toArray(String[]::new));
    }

    public static ConfigurableApplicationContext api(Map<String, ?> properties) {
        return run(ApiServiceApplication.class, properties);
    }

    public static int port(ConfigurableApplicationContext context) {
        return ((WebServerApplicationContext) context).getWebServer().getPort();
    }

    /** A port free right now, for a service whose URLs must be known before it starts (OAuth callback, webhooks). */
    public static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    /**
     * The application.yml of one module, copied out so it can be named as the only config location: with both
     * services on one classpath, each application.yml sits at its root and the first one found would win.
     */
    public static String ownConfig(String module) throws IOException {
        for (URL url : Collections.list(ServiceStart.class.getClassLoader().getResources("application.yml"))) {
            if (url.toString().contains(module)) {
                Path copy = Files.createTempFile(module, ".yml");
                try (InputStream in = url.openStream()) {
                    Files.copy(in, copy, StandardCopyOption.REPLACE_EXISTING);
                }
                copy.toFile().deleteOnExit();
                return "file:" + copy;
            }
        }
        throw new IllegalStateException("no application.yml of " + module + " on the classpath");
    }
}
