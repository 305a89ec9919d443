package org.civicsafety.assessment.flow;

import jakarta.persistence.Entity;
import jakarta.persistence.Table;

import java.time.LocalDate;

/**
 * What the service knows of an incident: its latest state (by version) and a flag per fact already counted, so
 * that each fact counts once whatever order events arrive in. The report's own path and severity are kept
 * apart from the latest state, so that a take-back undoes exactly what the report counted.
 */
@Entity
@Table(name = "incident")
public class Incident extends Tracked<Incident.Facts> {
    String severity;
    LocalDate reportedDay;
    String[] reportedPath;
    String reportedSeverity;
    int deaths;
    boolean counted;
    boolean withdrawn;
    boolean resolved;
    boolean escalated;
    boolean responded;

    /**
     * What the handler keeps of an incident besides its area and path: the latest severity, the counted report
     * (day, path, severity, deaths) and the count-once flags.
     */
    record Facts(String severity, LocalDate reportedDay, String[] reportedPath, String reportedSeverity, int deaths,
            boolean counted, boolean withdrawn, boolean resolved, boolean escalated, boolean responded) {}

    protected Incident() {}

    Incident(String id) {
        super(id);
    }

    @Override
    Facts facts() {
        // Rows counted before the reported* columns existed fall back to the incident's latest path and severity.
        String[] countedPath = reportedPath != null && reportedPath.length > 0 ? reportedPath : path;
        String countedSeverity = reportedSeverity != null ? reportedSeverity : severity;
        return new Facts(severity, reportedDay, countedPath, countedSeverity, deaths, counted, withdrawn, resolved,
                escalated, responded);
    }

    @Override
    void record(Facts facts) {
        this.severity = facts.severity();
        this.reportedDay = facts.reportedDay();
        this.reportedPath = facts.reportedPath();
        this.reportedSeverity = facts.reportedSeverity();
        this.deaths = facts.deaths();
        this.counted = facts.counted();
        this.withdrawn = facts.withdrawn();
        this.resolved = facts.resolved();
        this.escalated = facts.escalated();
        this.responded = facts.responded();
    }
}
