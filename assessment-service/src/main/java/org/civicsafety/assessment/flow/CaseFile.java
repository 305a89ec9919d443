package org.civicsafety.assessment.flow;

import jakarta.persistence.Entity;
import jakarta.persistence.Table;

/** What the service knows of a case: its latest state (by version) and a flag per count-once fact. */
@Entity
@Table(name = "case_file")
public class CaseFile extends Tracked<CaseFile.Facts> {
    boolean registered;
    boolean assigned;
    boolean acceptDecided;
    boolean accepted;
    boolean resolved;

    /** The count-once facts of a case: each is counted when its flag is first set. */
    record Facts(boolean registered, boolean assigned, boolean acceptDecided, boolean accepted, boolean resolved) {}

    protected CaseFile() {}

    CaseFile(String id) {
        super(id);
    }

    @Override
    Facts facts() {
        return new Facts(registered, assigned, acceptDecided, accepted, resolved);
    }

    @Override
    void record(Facts facts) {
        this.registered = facts.registered();
        this.assigned = facts.assigned();
        this.acceptDecided = facts.acceptDecided();
        this.accepted = facts.accepted();
        this.resolved = facts.resolved();
    }
}
