package org.civicsafety.cases.casefile;

import java.util.UUID;
import org.civicsafety.cases.workflow.CaseEntity;
import org.civicsafety.cases.workflow.TransitionBody;

/**
 * Opens the mediation a petition is referred to ({@code REFER_TO_MEDIATION}, mediation.md): the mediation package
 * provides it, so the case workflow knows nothing of mediations but this.
 */
public interface MediationReferrals {

    /** The new mediation's id; the petitioner is its applicant, the body names the rest. */
    UUID open(CaseEntity c, TransitionBody body, Access.Who who);
}
