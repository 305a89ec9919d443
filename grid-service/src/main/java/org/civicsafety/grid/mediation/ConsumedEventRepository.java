package org.civicsafety.grid.mediation;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

/** consumed_event: the ce_ids already applied, written in the same transaction as their effect (idempotent consumer). */
@ApplicationScoped
public class ConsumedEventRepository {
    @Inject EntityManager em;

    /** Records a ce_id in the caller's transaction; false when it was applied before (a redelivery). */
    public boolean recordFresh(String ceId, String topic, String type) {
        // SQL: ON CONFLICT DO NOTHING tells a fresh id from a repeated one without a read
        return em.createNativeQuery("INSERT INTO consumed_event (ce_id, topic, ce_type) VALUES (?1, ?2, ?3)"
                + " ON CONFLICT DO NOTHING").setParameter(1, ceId).setParameter(2, topic).setParameter(3, type)
                .executeUpdate() == 1;
    }
}
