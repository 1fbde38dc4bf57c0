package io.syncplane.worker.bench;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** Medians for the benchmarks; each run's figures go to stderr as they come. */
final class BenchStats {

    private BenchStats() {
    }

    static double median(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    static int intProperty(String name, int fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : Integer.parseInt(value.trim());
    }
}
