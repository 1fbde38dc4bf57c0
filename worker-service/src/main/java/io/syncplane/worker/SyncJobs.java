package io.syncplane.worker;

import io.syncplane.domain.Source;
import io.syncplane.sync.SyncJob;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The connector for each source. */
public final class SyncJobs {

    private final Map<Source, SyncJob> bySource = new EnumMap<>(Source.class);

    public SyncJobs(List<SyncJob> jobs) {
        for (SyncJob job : jobs) {
            if (bySource.put(job.source(), job) != null) {
                throw new IllegalStateException("two sync jobs for " + job.source());
            }
        }
    }

    public Optional<SyncJob> forSource(Source source) {
        return Optional.ofNullable(bySource.get(source));
    }
}
