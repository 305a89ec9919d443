package org.civicsafety.grid.incident;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.civicsafety.grid.area.AreaLevel;
import org.hibernate.annotations.Generated;
import org.hibernate.annotations.Immutable;

import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * One audit trail entry (table incident_history, append-only: the database refuses updates). {@code role} is the
 * role the actor acted in ({@code system} for automatic steps). Ids come from the table's own sequence at insert,
 * so ordering by id is the order of events across instances.
 */
@Entity
@Immutable
@Table(name = "incident_history")
public class IncidentHistory {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY) Long id;
    UUID incidentId;
    @Generated
    @Column(insertable = false, updatable = false) OffsetDateTime at;
    String actor;
    @Column(name = "actor_role") String role;
    String action;
    @Enumerated(EnumType.STRING) IncidentState fromState;
    @Enumerated(EnumType.STRING) IncidentState toState;
    @Enumerated(EnumType.STRING) AreaLevel fromLevel;
    @Enumerated(EnumType.STRING) AreaLevel toLevel;
    String unit;
    String note;

    protected IncidentHistory() {}

    IncidentHistory(UUID incidentId, String actor, String role, String action, IncidentState fromState,
            IncidentState toState, AreaLevel fromLevel, AreaLevel toLevel, String unit, String note) {
        this.incidentId = incidentId;
        this.actor = actor;
        this.role = role;
        this.action = action;
        this.fromState = fromState;
        this.toState = toState;
        this.fromLevel = fromLevel;
        this.toLevel = toLevel;
        this.unit = unit;
        this.note = note;
    }
}
