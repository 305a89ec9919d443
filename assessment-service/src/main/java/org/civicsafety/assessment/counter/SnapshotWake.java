package org.civicsafety.assessment.counter;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;

/**
 * Dirty groups were marked and committed: whoever snapshots them (the score snapshot job observes
 * {@link Requested}) should run now rather than at the end of its interval. An event rather than a call, so the
 * consumer that marks groups does not depend on the snapshot job and, through it, on the outbox (which depends
 * on messaging: a package cycle).
 */
@ApplicationScoped
public class SnapshotWake {
    public record Requested() {}

    private static final Requested REQUESTED = new Requested();

    @Inject Event<Requested> requested;

    public void wake() {
        requested.fire(REQUESTED);
    }
}
