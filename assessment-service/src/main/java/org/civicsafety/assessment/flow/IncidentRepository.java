package org.civicsafety.assessment.flow;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

@ApplicationScoped
public class IncidentRepository implements PanacheRepositoryBase<Incident, String> {
    /** The incident locked for this transaction (events of one incident may be applied concurrently), or null. */
    Incident locked(String id) {
        return findById(id, LockModeType.PESSIMISTIC_WRITE);
    }
}
