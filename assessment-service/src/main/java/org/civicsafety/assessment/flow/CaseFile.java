package org.civicsafety.assessment.flow;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** What the service knows of a case: its latest state (by version) and a flag per count-once fact. */
@Entity
@Table(name = "case_file")
public class CaseFile {
    @Id String id;
    long version;
    String areaCode;
    String[] path;
    boolean registered;
    boolean assigned;
    boolean acceptDecided;
    boolean accepted;
    boolean resolved;

    protected CaseFile() {}

    CaseFile(String id) {
        this.id = id;
    }

    /** The state after an event (set through the entity, so that Hibernate's dirty tracking sees it). */
    void record(long version, String areaCode, String[] path, boolean registered, boolean assigned,
            boolean acceptDecided,
            boolean accepted, boolean resolved) {
        this.version = version;
        this.areaCode = areaCode;
        this.path = path;
        this.registered = registered;
        this.assigned = assigned;
        this.acceptDecided = acceptDecided;
        this.accepted = accepted;
        this.resolved = resolved;
    }
}
