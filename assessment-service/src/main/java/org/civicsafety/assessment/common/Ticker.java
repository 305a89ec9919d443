package org.civicsafety.assessment.common;

import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.concurrent.locks.LockSupport;

/**
 * A background job on its own daemon thread: runs its work, then parks for the interval or until
 * {@link #wake()} says new work arrived. Quarkus's simple scheduler cannot run jobs more often than once a
 * second, and the snapshot job and the outbox relay need 150–250 ms (and less when woken).
 */
public final class Ticker {
    private static final Logger LOG = Logger.getLogger(Ticker.class);

    private final String name;
    private final Duration interval;
    private final Duration initialDelay;
    private final Runnable work;
    private volatile boolean running;
    private volatile Thread thread;

    public Ticker(String name, Duration interval, Duration initialDelay, Runnable work) {
        this.name = name;
        this.interval = interval;
        this.initialDelay = initialDelay;
        this.work = work;
    }

    public synchronized void start() {
        if (running)
            return;
        running = true;
        Thread t = new Thread(this::loop, name);
        t.setDaemon(true);
        thread = t;
        t.start();
    }

    /** Runs the work now (or right after the current round) instead of at the end of the interval. */
    public void wake() {
        Thread t = thread;
        if (t != null)
            LockSupport.unpark(t);
    }

    public void stop() {
        running = false;
        Thread t = thread;
        if (t == null)
            return;
        LockSupport.unpark(t);
        try {
            t.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void loop() {
        LockSupport.parkNanos(initialDelay.toNanos());
        while (running) {
            try {
                work.run();
            } catch (Throwable e) { // nothing may end the loop: a dead job thread would go unnoticed
                LOG.warnf(e, "%s failed (will retry)", name);
            }
            if (running)
                LockSupport.parkNanos(interval.toNanos());
        }
    }
}
