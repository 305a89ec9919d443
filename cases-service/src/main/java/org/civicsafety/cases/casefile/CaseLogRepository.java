package org.civicsafety.cases.casefile;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import org.civicsafety.cases.common.SqlRow;

/**
 * The case's append-only logs: its history ({@code case_history}, which the database refuses to update or delete),
 * its supervision notes ({@code case_supervision}) and its leaders' visits and appointments
 * ({@code case_leader_contact}). SQL: rows are only ever appended and read in order, never
 * changed, so they are not entities.
 */
@ApplicationScoped
public class CaseLogRepository {

    record HistoryRow(long id, Instant at, String actor, String role, String action, String fromState,
            String toState, String note) {}

    record SupervisionRow(long id, Instant at, String actor, String note) {}

    record LeaderContactRow(long id, String kind, String leader, LocalDate date, String place, String summary,
            Instant at, String actor) {}

    @Inject EntityManager em;

    void appendHistory(UUID caseId, OffsetDateTime at, String actor, String role, String action, String fromState,
            String toState, String note) {
        em.createNativeQuery("""
                INSERT INTO case_history (case_id, at, actor_sub, actor_role, action, from_state, to_state, note)
                VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)""")
                .setParameter(1, caseId).setParameter(2, at).setParameter(3, actor).setParameter(4, role)
                .setParameter(5, action).setParameter(6, fromState).setParameter(7, toState).setParameter(8, note)
                .executeUpdate();
    }

    List<HistoryRow> history(UUID caseId) {
        return SqlRow.list(em.createNativeQuery("""
                SELECT id, at, actor_sub, actor_role, action, from_state, to_state, note
                FROM case_history WHERE case_id = ?1 ORDER BY id""").setParameter(1, caseId),
                r -> new HistoryRow(r.lng("id"), r.instant("at"), r.string("actor_sub"), r.string("actor_role"),
                        r.string("action"), r.string("from_state"), r.string("to_state"), r.string("note")));
    }

    /** The new note's id. */
    long addSupervision(UUID caseId, OffsetDateTime at, String actor, String note) {
        return ((Number) em.createNativeQuery("""
                INSERT INTO case_supervision (case_id, at, actor_sub, note) VALUES (?1, ?2, ?3, ?4) RETURNING id""")
                .setParameter(1, caseId).setParameter(2, at).setParameter(3, actor).setParameter(4, note)
                .getSingleResult()).longValue();
    }

    List<SupervisionRow> supervisions(UUID caseId) {
        return SqlRow.list(em.createNativeQuery(
                "SELECT id, at, actor_sub, note FROM case_supervision WHERE case_id = ?1 ORDER BY id")
                .setParameter(1, caseId),
                r -> new SupervisionRow(r.lng("id"), r.instant("at"), r.string("actor_sub"), r.string("note")));
    }

    /** The new contact's id. */
    long addLeaderContact(UUID caseId, CaseApi.LeaderContactBody b, OffsetDateTime at, String actor) {
        return ((Number) em.createNativeQuery("""
                INSERT INTO case_leader_contact (case_id, kind, leader, contact_date, place, summary, actor_sub, at)
                VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8) RETURNING id""")
                .setParameter(1, caseId).setParameter(2, b.kind().name()).setParameter(3, b.leader().strip())
                .setParameter(4, b.date()).setParameter(5, b.place().strip()).setParameter(6, b.summary().strip())
                .setParameter(7, actor).setParameter(8, at).getSingleResult()).longValue();
    }

    /** The case's leader contacts, latest first. */
    List<LeaderContactRow> leaderContacts(UUID caseId) {
        return SqlRow.list(em.createNativeQuery("""
                SELECT id, kind, leader, contact_date, place, summary, at, actor_sub FROM case_leader_contact
                WHERE case_id = ?1 ORDER BY contact_date DESC, id DESC""").setParameter(1, caseId),
                r -> new LeaderContactRow(r.lng("id"), r.string("kind"), r.string("leader"),
                        r.localDate("contact_date"),
                        r.string("place"), r.string("summary"), r.instant("at"), r.string("actor_sub")));
    }
}
