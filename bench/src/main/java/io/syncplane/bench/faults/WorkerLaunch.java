package io.syncplane.bench.faults;

import java.nio.file.Path;

/** What every worker of the run is started with. {@code googleRootUrl} is the TcpProxy in front of the emulator. */
record WorkerLaunch(Path jar, Path scratch, FaultsSettings settings, String jdbcUrl, String redisUri,
                    String cryptoKey, String emulatorRootUrl, String googleRootUrl, String clientId,
                    String clientSecret) {
}
