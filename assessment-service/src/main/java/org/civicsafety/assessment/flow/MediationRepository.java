package org.civicsafety.assessment.flow;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;

@ApplicationScoped
public class MediationRepository implements PanacheRepositoryBase<Mediation, String> {}
