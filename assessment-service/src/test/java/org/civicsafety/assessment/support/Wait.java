package org.civicsafety.assessment.support;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.concurrent.Callable;

/**
 * Polls with Awaitility until a condition holds: checked at once, then every {@code pause}
 * (100 ms unless given) until {@code timeout}. Exceptions thrown while polling (a service not
 * answering yet, a field still missing) count as "not yet", as an unmet condition does.
 */
public final class Wait {
    private Wait() {}

    public interface Check {
        void run() throws Exception;
    }

    public static void until(Duration timeout, Callable<Boolean> condition) {
        until(timeout, Duration.ofMillis(100), condition);
    }

    public static void until(Duration timeout, Duration pause, Callable<Boolean> condition) {
        await().atMost(timeout).pollDelay(Duration.ZERO).pollInterval(pause).ignoreExceptions()
                .until(() -> Boolean.TRUE.equals(condition.call()));
    }

    public static void untilAsserted(Duration timeout, Check check) {
        untilAsserted(timeout, Duration.ofMillis(100), check);
    }

    public static void untilAsserted(Duration timeout, Duration pause, Check check) {
        await().atMost(timeout).pollDelay(Duration.ZERO).pollInterval(pause).ignoreExceptions()
                .untilAsserted(check::run);
    }
}
