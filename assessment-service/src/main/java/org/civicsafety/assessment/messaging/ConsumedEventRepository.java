package org.civicsafety.assessment.messaging;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import java.util.List;

/** consumed_event: the ce_ids already applied, written in the same transaction as their effect (idempotent consumer). */
@ApplicationScoped
public class ConsumedEventRepository {
    @Inject EntityManager em;

    /**
     * Records a batch's ce_ids and returns those not seen before. SQL: one statement for the whole batch, and
     * ON CONFLICT DO NOTHING RETURNING tells fresh from repeated ids without a read.
     */
    @SuppressWarnings("unchecked")
    public List<String> recordFresh(String[] ids, String[] topics, String[] types) {
        return em.createNativeQuery("""
                INSERT INTO consumed_event (ce_id, topic, ce_type)
                SELECT * FROM unnest(cast(:ids AS text[]), cast(:topics AS text[]), cast(:types AS text[]))
                ON CONFLICT DO NOTHING RETURNING ce_id
                """, String.class).setParameter("ids", ids).setParameter("topics", topics).setParameter("types", types)
                .getResultList();
    }
}
