package org.civicsafety.grid.incident;

import io.quarkus.narayana.jta.QuarkusTransaction;

import java.util.concurrent.Callable;

/**
 * How the incident jobs work through what is due: one batch of rows claimed with SKIP LOCKED per transaction, so a
 * crash loses at most one batch's work and other instances take the rows this one has not locked, until a batch
 * comes back short.
 */
final class ClaimedBatches {
    static final int SIZE = 100;

    private ClaimedBatches() {}

    /** Runs {@code batch} (claims up to {@link #SIZE} rows, handles them, returns how many) until it is done. */
    static int drain(Callable<Integer> batch) {
        int total = 0;
        int n;
        do {
            n = QuarkusTransaction.requiringNew().call(batch);
            total += n;
        } while (n == SIZE);
        return total;
    }
}
