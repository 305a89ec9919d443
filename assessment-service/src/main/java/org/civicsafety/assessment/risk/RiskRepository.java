package org.civicsafety.assessment.risk;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

import java.util.List;
import java.util.UUID;

@ApplicationScoped
public class RiskRepository implements PanacheRepositoryBase<RiskAssessment, UUID> {

    RiskAssessment byId(UUID id, boolean lock) {
        return lock ? findById(id, LockModeType.PESSIMISTIC_WRITE) : findById(id);
    }

    /**
     * Decided assessments affecting an area on this path. SQL: array overlap on area_codes (its GIN index), which
     * JPQL cannot say.
     */
    @SuppressWarnings("unchecked")
    List<RiskAssessment> decidedAffecting(String[] path) {
        return getEntityManager().createNativeQuery("""
                SELECT * FROM risk_assessment
                WHERE state = 'DECIDED' AND decided_at < now() AND area_codes && cast(:path AS text[])
                """, RiskAssessment.class).setParameter("path", path).getResultList();
    }
}
