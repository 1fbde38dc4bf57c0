package io.syncplane.emulator.quota;

import io.syncplane.emulator.http.Api;

import java.util.EnumMap;
import java.util.Map;

/** One user's meters, one per API. */
public final class UsageMeters {

    private final ApiMeter[] meters = new ApiMeter[Api.values().length];

    public UsageMeters(int retainedSeconds) {
        for (Api api : Api.values()) {
            meters[api.ordinal()] = new ApiMeter(retainedSeconds);
        }
    }

    ApiMeter meter(Api api) {
        return meters[api.ordinal()];
    }

    public void count(Api api, long epochSecond) {
        meters[api.ordinal()].count(epochSecond);
    }

    public Map<Api, ApiCounts> snapshot() {
        Map<Api, ApiCounts> out = new EnumMap<>(Api.class);
        for (Api api : Api.values()) {
            out.put(api, meters[api.ordinal()].snapshot());
        }
        return out;
    }

    public void reset() {
        for (ApiMeter meter : meters) {
            meter.reset();
        }
    }
}
