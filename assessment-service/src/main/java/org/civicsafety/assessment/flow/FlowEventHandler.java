package org.civicsafety.assessment.flow;

import io.cloudevents.CloudEvent;
import jakarta.inject.Inject;
import org.civicsafety.assessment.messaging.EventHandler;
import org.civicsafety.assessment.period.Calendar;
import org.civicsafety.assessment.counter.CounterRepository;

/** What the incident and case handlers share: their collaborators and the `<prefix><kind>.v1` type naming. */
abstract class FlowEventHandler implements EventHandler {
    private final String prefix;

    @Inject CounterRepository counters;
    @Inject Calendar calendar;

    FlowEventHandler(String prefix) {
        this.prefix = prefix;
    }

    @Override
    public boolean handles(String type) {
        return type != null && type.startsWith(prefix) && type.endsWith(".v1");
    }

    /** The transition name, e.g. `reported` for org.civicsafety.incident.reported.v1. */
    String kind(CloudEvent event) {
        return event.getType().substring(prefix.length(), event.getType().length() - 3);
    }
}
