package io.syncplane.worker.maintenance;

import io.syncplane.push.PushChannel;
import io.syncplane.push.PushChannelStore;
import io.syncplane.worker.push.ChannelStopper;
import java.util.List;

/**
 * Stops the channels of connections that were removed and of sources that were disabled (the api-service marks those;
 * the worker owns the calls to Google). A removed connection has no runs any more to piggyback on, so the stop calls
 * are made here directly; they are one call per channel (Gmail: 50 units), far inside any user's quota. A stop that
 * fails transiently leaves its row active, and the next run of this task tries again.
 */
public class StopRetiredChannelsTask {

    private final PushChannelStore channels;
    private final ChannelStopper stopper;
    private final MaintenanceProperties properties;

    public StopRetiredChannelsTask(PushChannelStore channels, ChannelStopper stopper,
                                   MaintenanceProperties properties) {
        this.channels = channels;
        this.stopper = stopper;
        this.properties = properties;
    }

    /** Returns how many channels it stopped. */
    public int run() {
        int stopped = 0;
        long after = 0;
        List<PushChannel> page;
        do {
            page = channels.activeWithoutLiveSource(after, properties.scanBatch());
            for (PushChannel channel : page) {
                if (stopper.stop(channel)) {
                    stopped++;
                }
                after = channel.id();
            }
        } while (page.size() == properties.scanBatch());
        return stopped;
    }
}
