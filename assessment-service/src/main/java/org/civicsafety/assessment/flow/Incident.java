package org.civicsafety.assessment.flow;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.LocalDate;

/**
 * What the service knows of an incident: its latest state (by version) and a flag per fact already counted, so
 * that each fact counts once whatever order events arrive in. The report's own path and severity are kept
 * apart from the latest state, so that a take-back undoes exactly what the report counted.
 */
@Entity
@Table(name = "incident")
public class Incident {
    @Id String id;
    long version;
    String areaCode;
    String[] path;
    String severity;
    LocalDate reportedDay;
    String[] reportedPath;
    String reportedSeverity;
    int deaths;
    boolean counted;
    boolean withdrawn;
    boolean resolved;
    boolean escalated;

    protected Incident() {}

    Incident(String id) {
        this.id = id;
    }

    /** The state after an event (set through the entity, so that Hibernate's dirty tracking sees it). */
    void record(long version, String areaCode, String[] path, String severity, LocalDate reportedDay,
            String[] reportedPath, String reportedSeverity, int deaths, boolean counted, boolean withdrawn,
            boolean resolved, boolean escalated) {
        this.version = version;
        this.areaCode = areaCode;
        this.path = path;
        this.severity = severity;
        this.reportedDay = reportedDay;
        this.reportedPath = reportedPath;
        this.reportedSeverity = reportedSeverity;
        this.deaths = deaths;
        this.counted = counted;
        this.withdrawn = withdrawn;
        this.resolved = resolved;
        this.escalated = escalated;
    }
}
