package org.civicsafety.cases.mediation;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;

/**
 * One application of a {@link MediationTable} row: what its effect reads (the body, the time, the world outside the
 * mediation through {@link Outside}) and the history note it leaves (never a party's personal data).
 */
public final class MediationChange {

    /** What an effect needs beyond the mediation itself; the service implements it. */
    public interface Outside {
        /** Appends a session to the mediation's encrypted sessions. */
        void addSession(MediationEntity m, MediationBody session);

        /** Registers a petition for the applicant of a mediation that failed (referral PETITION); its case id. */
        UUID registerPetition(MediationEntity m);
    }

    private final MediationBody body;
    private final Instant now;
    private final Outside outside;
    private String note;

    public MediationChange(MediationBody body, Instant now, Outside outside) {
        this.body = body;
        this.now = now;
        this.outside = outside;
    }

    public MediationBody body() {
        return body;
    }

    public Instant now() {
        return now;
    }

    public OffsetDateTime nowUtc() {
        return now.atOffset(ZoneOffset.UTC);
    }

    public Outside outside() {
        return outside;
    }

    public String note() {
        return note;
    }

    void note(String note) {
        this.note = note;
    }
}
