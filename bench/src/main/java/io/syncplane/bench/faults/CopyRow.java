package io.syncplane.bench.faults;

import java.util.Map;

/** One item as compared: its key within a (user, source) and the fields compared, both sides normalised alike. */
record CopyRow(String key, Map<String, String> fields) {
}
