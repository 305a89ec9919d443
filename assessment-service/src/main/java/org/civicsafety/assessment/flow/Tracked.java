package org.civicsafety.assessment.flow;

import jakarta.persistence.Id;
import jakarta.persistence.MappedSuperclass;

/**
 * A case or incident as its events tell it: the latest state (area and path, by version) and the facts the handler
 * keeps of it, {@code F}. Changes go through these methods, so that Hibernate's dirty tracking sees them.
 */
@MappedSuperclass
abstract class Tracked<F> {
    @Id String id;
    long version;
    String areaCode;
    String[] path;

    protected Tracked() {}

    Tracked(String id) {
        this.id = id;
    }

    /** Takes the event's area and path as the latest state. */
    void follow(FlowEvent e) {
        this.version = e.version();
        this.areaCode = e.areaCode();
        this.path = e.path();
    }

    abstract F facts();

    abstract void record(F facts);
}
