package org.civicsafety.assessment.flow;

import jakarta.persistence.Entity;
import jakarta.persistence.Table;

import java.time.LocalDate;

/**
 * What the service knows of a mediation: its latest state (by version) and the conclusion it counts now, if any —
 * the day and path it was counted at and whether it was agreed and held at the grassroots — so that a reopened
 * mediation takes back exactly what its conclusion counted.
 */
@Entity
@Table(name = "mediation")
public class Mediation extends Tracked<Mediation.Facts> {
    LocalDate concludedDay;
    String[] concludedPath;
    boolean agreed;
    boolean grassroots;

    /** The counted conclusion: none while {@code day} is null. */
    record Facts(LocalDate day, String[] path, boolean agreed, boolean grassroots) {
        static final Facts NONE = new Facts(null, null, false, false);

        boolean counted() {
            return day != null;
        }
    }

    protected Mediation() {}

    Mediation(String id) {
        super(id);
    }

    @Override
    Facts facts() {
        return concludedDay == null ? Facts.NONE : new Facts(concludedDay, concludedPath, agreed, grassroots);
    }

    @Override
    void record(Facts facts) {
        this.concludedDay = facts.day();
        this.concludedPath = facts.path();
        this.agreed = facts.agreed();
        this.grassroots = facts.grassroots();
    }
}
