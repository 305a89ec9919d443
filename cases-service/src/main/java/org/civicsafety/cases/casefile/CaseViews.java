package org.civicsafety.cases.casefile;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import org.civicsafety.cases.common.Json;
import org.civicsafety.cases.privacy.Masking;
import org.civicsafety.cases.privacy.PersonalData;
import org.civicsafety.cases.privacy.PersonalDataCipher;
import org.civicsafety.cases.workflow.CaseEntity;
import org.civicsafety.cases.workflow.Enums;
import org.civicsafety.cases.workflow.Role;

/** The case as a caller may see it: the petitioner whole, masked or absent ({@link Access}), and what they may do next. */
@ApplicationScoped
public class CaseViews {

    @Inject CaseService cases;
    @Inject PersonalDataCipher cipher;
    @Inject AttachmentService attachments;

    public CaseApi.CaseView view(CaseEntity c, Access.Who who, List<CaseApi.SimilarCase> similar, CaseEntity earlier) {
        Access.PersonalView pv = Access.personalView(who, c);
        CaseApi.Petitioner petitioner = null;
        List<CaseApi.Representative> reps = null;
        if (pv != Access.PersonalView.ABSENT) {
            PersonalData stored = cipher.decryptPersonalData(c.petitionerEnc);
            PersonalData pd = switch (pv) {
                case CONTACT -> Masking.maskIdNumber(stored);
                case MASKED -> Masking.mask(stored);
                default -> stored;
            };
            PersonalData.Petitioner p = pd.petitioner();
            petitioner = new CaseApi.Petitioner(p.name(), p.phone(), p.idNumber(), p.address(), p.email());
            reps = pd.representatives() == null ? List.of()
                    : pd.representatives().stream().map(r -> new CaseApi.Representative(r.name(), r.phone())).toList();
        }
        boolean receiptHolder = (who.has(Role.CITIZEN) && who.sub() != null && who.sub().equals(c.ownerSub))
                || (who.has(Role.PETITION_OFFICER) && Access.contains(c.areaPath, who.area()));
        CaseEntity.CurrentStage stage = c.currentStage();
        return new CaseApi.CaseView(c.id, c.number, receiptHolder ? c.trackingCode : null,
                c.channel, c.type, c.title, c.content, c.areaCode, petitioner, reps,
                c.groupSize, c.groupSize + c.mergedPetitioners, c.state, stage.stage(), Json.time(stage.dueAt()),
                c.unitId, c.unitAreaCode,
                new CaseApi.Deadlines(Json.time(c.triageDueAt), Json.time(c.acceptanceDueAt),
                        Json.time(c.objectionDueAt),
                        Json.time(c.handlingDueAt), Json.time(c.answerWindowDueAt), Json.time(c.reviewDueAt),
                        Json.time(c.reviewWindowDueAt), Json.time(c.reReviewDueAt)),
                new CaseApi.Flags(c.overdue, c.backlog, c.repeat,
                        c.type == Enums.CaseType.MISCONDUCT_REPORT, c.hearing),
                c.repeatOf, c.mergedInto, c.notAcceptReason, c.divertChannel, c.mediationId, c.sourceMediationId,
                c.declineReason,
                c.decision, c.answerText, c.satisfaction,
                c.extensionDays == null ? null : new CaseApi.Extension(c.extensionDays, c.extensionReason),
                c.backlog
                        ? new CaseApi.BacklogInfo(c.backlogReason, c.backlogLeader, c.backlogPlan, c.backlogTargetDate)
                        : null,
                attachments.list(c.id), c.version, Json.time(c.createdAt), Json.time(c.updatedAt),
                cases.allowedActions(c, who), "/api/v1/cases/" + c.id + "/written-notices", similar,
                earlier == null ? null : progress(earlier));
    }

    public static CaseApi.Progress progress(CaseEntity e) {
        CaseEntity.CurrentStage s = e.currentStage();
        return new CaseApi.Progress(e.number, e.state, s.stage(), Json.time(s.dueAt()), e.unitId);
    }
}
