package io.syncplane.queue;

/**
 * Share of claims per lane while all lanes have work: with 6/3/1, of every ten claims six serve interactive, three
 * scheduled and one bulk work. Turns a lane cannot use pass to the others, most urgent first.
 */
public record LaneWeights(int interactive, int scheduled, int bulk) {

    public LaneWeights {
        if (interactive < 1 || scheduled < 1 || bulk < 1) {
            throw new IllegalArgumentException("every lane needs a weight of at least 1, or it could starve: "
                    + interactive + "/" + scheduled + "/" + bulk);
        }
        if (interactive + scheduled + bulk > 1000) {
            throw new IllegalArgumentException("weights are turns in a round; keep their sum under 1000");
        }
    }

    public static LaneWeights defaults() {
        return new LaneWeights(6, 3, 1);
    }

    /**
     * One round of turns, one digit (lane ordinal) per turn, spread out by smooth weighted round robin so a lane's
     * turns do not come in a block: 6/3/1 gives {@code 0102010010}-like rounds, never six interactive turns in a row
     * ahead of the others.
     */
    String schedule() {
        int[] weights = {interactive, scheduled, bulk};
        int total = interactive + scheduled + bulk;
        int[] current = new int[weights.length];
        StringBuilder turns = new StringBuilder(total);
        for (int turn = 0; turn < total; turn++) {
            int best = 0;
            for (int lane = 0; lane < weights.length; lane++) {
                current[lane] += weights[lane];
                if (current[lane] > current[best]) {
                    best = lane;
                }
            }
            current[best] -= total;
            turns.append((char) ('0' + best));
        }
        return turns.toString();
    }
}
