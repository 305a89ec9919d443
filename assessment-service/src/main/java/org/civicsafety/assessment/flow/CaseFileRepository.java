package org.civicsafety.assessment.flow;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

@ApplicationScoped
public class CaseFileRepository implements PanacheRepositoryBase<CaseFile, String> {
    /** The case locked for this transaction (events of one case may be applied concurrently), or null. */
    CaseFile locked(String id) {
        return findById(id, LockModeType.PESSIMISTIC_WRITE);
    }
}
