package org.civicsafety.assessment.model;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Optional;

@ApplicationScoped
public class ModelRepository implements PanacheRepositoryBase<ModelVersion, Integer> {

    Optional<ModelVersion> active() {
        return find("active", true).firstResultOptional();
    }

    /**
     * The next version number, with the table locked against other creators until the transaction ends. SQL:
     * a table lock (not a row lock) is what serialises max + 1.
     */
    int lockNextVersion() {
        getEntityManager().createNativeQuery("LOCK TABLE scoring_model IN SHARE ROW EXCLUSIVE MODE").executeUpdate();
        return getEntityManager()
                .createQuery("select coalesce(max(m.version), 0) + 1 from ModelVersion m", Integer.class)
                .getSingleResult();
    }
}
