package org.civicsafety.assessment.support;

import org.civicsafety.assessment.messaging.EventConsumer;

import java.time.Duration;

public final class ConsumerReady {
    private ConsumerReady() {}

    /** The test profile starts at the end of the topics: wait until the consumer holds its partitions. */
    public static void await(EventConsumer consumer) {
        Wait.until(Duration.ofSeconds(60), consumer::isAssigned);
    }
}
