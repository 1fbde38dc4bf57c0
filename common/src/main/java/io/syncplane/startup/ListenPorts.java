package io.syncplane.startup;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.springframework.core.env.Environment;

/** The ports a Syncplane service listens on, each with the setting a person changes it by. */
final class ListenPorts {

    private ListenPorts() {
    }

    /** The first configured port something else already listens on, with its setting. */
    static Optional<InvalidSettingException> firstTaken(Environment environment) {
        for (Map.Entry<String, String> port : configured(environment).entrySet()) {
            String value = environment.getProperty(port.getKey());
            if (value != null && !bindable(value)) {
                return Optional.of(new InvalidSettingException(port.getValue(), "port " + value
                        + " is already in use", "stop the process listening on it (ss -ltnp 'sport = :" + value
                        + "') or set " + port.getValue() + " to a free port"));
            }
        }
        return Optional.empty();
    }

    private static Map<String, String> configured(Environment environment) {
        String name = environment.getProperty("spring.application.name", "");
        Map<String, String> ports = new LinkedHashMap<>();
        ports.put("server.port", name.contains("worker") ? "server.port (SYNCPLANE_WORKER_PORT)"
                : name.contains("api") ? "server.port (SYNCPLANE_API_PORT)" : "server.port");
        if (environment.getProperty("jobrunr.dashboard.enabled", Boolean.class, false)) {
            ports.put("jobrunr.dashboard.port", "jobrunr.dashboard.port (SYNCPLANE_JOBRUNR_DASHBOARD_PORT)");
        }
        ports.put("management.server.port", "management.server.port");
        return ports;
    }

    private static boolean bindable(String port) {
        int number;
        try {
            number = Integer.parseInt(port.trim());
        } catch (NumberFormatException e) {
            return true; // Boot reports a malformed port itself
        }
        if (number <= 0) {
            return true; // 0 picks a free port; negative disables the server
        }
        try (ServerSocket socket = new ServerSocket()) {
            socket.bind(new InetSocketAddress(number));
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
