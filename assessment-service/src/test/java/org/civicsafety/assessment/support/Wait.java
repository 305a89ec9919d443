package org.civicsafety.assessment.support;

import java.time.Duration;
import java.util.concurrent.Callable;

/** Polls until a condition holds (no extra test library needed). */
public final class Wait {
    private Wait() { }

    public interface Check { void run() throws Exception; }

    public static void until(Duration timeout, Callable<Boolean> condition) {
        until(timeout, Duration.ofMillis(100), condition);
    }

    public static void until(Duration timeout, Duration pause, Callable<Boolean> condition) {
        untilAsserted(timeout, pause, () -> {
            if (!Boolean.TRUE.equals(condition.call())) throw new AssertionError("condition not met within " + timeout);
        });
    }

    public static void untilAsserted(Duration timeout, Check check) {
        untilAsserted(timeout, Duration.ofMillis(100), check);
    }

    public static void untilAsserted(Duration timeout, Duration pause, Check check) {
        long end = System.nanoTime() + timeout.toNanos();
        Throwable last;
        do {
            try {
                check.run();
                return;
            } catch (Throwable t) {
                last = t;
            }
            try {
                Thread.sleep(pause.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        } while (System.nanoTime() < end);
        if (last instanceof AssertionError ae) throw ae;
        throw new AssertionError(last);
    }
}
