package io.syncplane.emulator;

import org.junit.jupiter.api.Test;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EmulatorMainTest {

    @Test
    void flagsConfigureTheEmulator() {
        EmulatorConfig config = EmulatorFlags.parse(new String[] {"--port", "0", "--users=25", "--seed", "9",
                "--messages-per-user", "7", "--messages-for", "3=1000", "--token-lifetime", "15m",
                "--history-horizon", "2d", "--quota=off", "--pubsub-push-endpoint", "http://127.0.0.1:1/x",
                "--activity-rate", "2.5", "--push-drop-rate", "0.1"}).builder().config();
        assertThat(config.users()).isEqualTo(25);
        assertThat(config.seed()).isEqualTo(9);
        assertThat(config.sizes().messages()).isEqualTo(7);
        assertThat(config.sizesFor("user00003@example.test").messages()).isEqualTo(1000);
        assertThat(config.tokenLifetime()).isEqualTo(Duration.ofMinutes(15));
        assertThat(config.history().horizon()).isEqualTo(Duration.ofDays(2));
        assertThat(config.quotas().enabled()).isFalse();
        assertThat(config.push().pubsubEndpoint()).isEqualTo("http://127.0.0.1:1/x");
        assertThat(config.push().gmailDropRate()).isEqualTo(0.1);
        assertThat(config.activityRate()).isEqualTo(2.5);
        assertThat(EmulatorFlags.duration("x", "3600")).isEqualTo(Duration.ofHours(1));
        assertThat(EmulatorFlags.duration("x", "PT2H")).isEqualTo(Duration.ofHours(2));
    }

    @Test
    void badFlagsAreOneLineErrors() {
        assertThatThrownBy(() -> EmulatorFlags.parse(new String[] {"--users", "many"}))
                .hasMessageContaining("--users");
        assertThatThrownBy(() -> EmulatorFlags.parse(new String[] {"--bogus", "1"}))
                .hasMessage("unknown flag --bogus");
        assertThatThrownBy(() -> EmulatorFlags.parse(new String[] {"--bogus"})).hasMessage("unknown flag --bogus");
        assertThatThrownBy(() -> EmulatorFlags.parse(new String[] {"--quota=maybe"})).hasMessageContaining("--quota");
        assertThatThrownBy(() -> EmulatorFlags.parse(new String[] {"--token-lifetime", "-5"}))
                .hasMessageContaining("--token-lifetime");
        assertThatThrownBy(() -> EmulatorFlags.parse(new String[] {"--port"})).hasMessageContaining("needs a value");
    }

    @Test
    void mainExitsWith2OnABadFlag() throws IOException, InterruptedException {
        String java = System.getProperty("java.home") + File.separator + "bin" + File.separator + "java";
        Process process = new ProcessBuilder(List.of(java, "-cp", System.getProperty("java.class.path"),
                EmulatorMain.class.getName(), "--users", "zero")).redirectErrorStream(true).start();
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        assertThat(process.exitValue()).isEqualTo(2);
        assertThat(output.lines()).hasSize(1);
        assertThat(output).startsWith("google-emulator: --users");
    }
}
