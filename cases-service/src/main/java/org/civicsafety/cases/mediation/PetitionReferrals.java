package org.civicsafety.cases.mediation;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.util.List;
import java.util.UUID;
import org.civicsafety.cases.casefile.Access;
import org.civicsafety.cases.casefile.MediationReferrals;
import org.civicsafety.cases.dispute.PartyBody;
import org.civicsafety.cases.dispute.PartyRole;
import org.civicsafety.cases.privacy.PersonalData;
import org.civicsafety.cases.privacy.PersonalDataCipher;
import org.civicsafety.cases.workflow.CaseEntity;
import org.civicsafety.cases.workflow.TransitionBody;

/**
 * A petition referred to mediation: the mediation is opened from the case — its petitioner the applicant, its title
 * and content the summary, its area unless the body names another — and names the case as its source.
 */
@ApplicationScoped
public class PetitionReferrals implements MediationReferrals {

    @Inject MediationService mediations;
    @Inject PersonalDataCipher cipher;

    @Override
    @Transactional(Transactional.TxType.MANDATORY)
    public UUID open(CaseEntity c, TransitionBody b, Access.Who who) {
        PersonalData.Petitioner p = cipher.decryptPersonalData(c.petitionerEnc).petitioner();
        PartyBody r = b.respondent();
        List<PartyBody> parties = List.of(
                new PartyBody(PartyRole.APPLICANT, p.name(), p.phone(), p.idNumber(), p.address()),
                new PartyBody(PartyRole.RESPONDENT, r.name(), r.phone(), r.idNumber(), r.address()));
        MediationApi.CreateBody body = new MediationApi.CreateBody(b.type(), b.sector(),
                b.areaCode() == null ? c.areaCode : b.areaCode(), c.title + "\n" + c.content, c.type.name(), null,
                parties, b.mediators(), null);
        return mediations.open(new MediationService.Opening(body, c.id), who).id;
    }
}
