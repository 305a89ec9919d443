package org.civicsafety.cases.casefile;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.civicsafety.cases.area.AreaDirectory;
import org.civicsafety.cases.common.Json;
import org.civicsafety.cases.notice.Channel;
import org.civicsafety.cases.notice.NoticeRequest;
import org.civicsafety.cases.notice.NoticeType;
import org.civicsafety.cases.notice.Notices;
import org.civicsafety.cases.notice.WrittenNotices;
import org.civicsafety.cases.privacy.PersonalData;
import org.civicsafety.cases.privacy.PersonalDataCipher;
import org.civicsafety.cases.unit.UnitDirectory;
import org.civicsafety.cases.workflow.CaseEntity;
import org.civicsafety.cases.workflow.CaseEvent;
import org.civicsafety.cases.workflow.Enums;
import org.civicsafety.cases.workflow.Stage;

/**
 * Who is told what about a case (notices.md "Who is told what", the cases rows), written in the transaction of the
 * change: the petitioner of every step that decides their case, the handling unit of what it must do, the area's
 * supervisors of overdue and backlog cases and supervision notes. The notices carry the case number, dates, reasons
 * and decisions — never the petitioner's data; the petitioner's contact is read from the case only to address them.
 */
@ApplicationScoped
public class CaseNotices {

    /** The backlog ledger is entered once; its notice is keyed so. */
    static final String BACKLOG_STAGE = "BACKLOG";

    @Inject Notices notices;
    @Inject PersonalDataCipher cipher;
    @Inject CaseRepository cases;
    @Inject WrittenNotices written;
    @Inject AreaDirectory areas;
    @Inject UnitDirectory units;

    /** The notices of an event the case has just written to the outbox ({@code extra}: the event's own data). */
    @Transactional(Transactional.TxType.MANDATORY)
    public void on(CaseEntity c, CaseEvent event, Map<String, Object> extra) {
        switch (event) {
            case REGISTERED -> {
                if (c.repeat) {
                    CaseEntity earlier = cases.findById(c.repeatOf);
                    petitioner(c, NoticeType.CASE_REPEAT_REFUSED, args(c, "reason", c.notAcceptReason,
                            "earlierNumber", earlier.number, "earlierState", earlier.state.name(),
                            "earlierDue", Json.time(earlier.currentStage().dueAt())));
                } else {
                    petitioner(c, NoticeType.CASE_REGISTERED, args(c, "trackingCode", c.trackingCode,
                            "triageDue", Json.time(c.triageDueAt)));
                }
            }
            case NOT_ACCEPTED -> petitioner(c, NoticeType.CASE_NOT_ACCEPTED, args(c, "reason", c.notAcceptReason));
            case DIVERTED -> petitioner(c, NoticeType.CASE_DIVERTED, args(c, "channel", c.divertChannel.name()));
            case ASSIGNED -> unit(c, NoticeType.UNIT_CASE_ASSIGNED, null, args(c,
                    "acceptanceDue", Json.time(c.acceptanceDueAt), "objectionDue", Json.time(c.objectionDueAt)));
            case ACCEPTED -> petitioner(c, NoticeType.CASE_ACCEPTED, args(c, "unitId", c.unitId,
                    "handlingDue", Json.time(c.handlingDueAt)));
            case DECLINED -> petitioner(c, NoticeType.CASE_DECLINED, args(c, "reason", c.declineReason));
            case OBJECTED -> petitioner(c, NoticeType.CASE_RETRIAGED, args(c, "triageDue", Json.time(c.triageDueAt)));
            case EXTENDED -> petitioner(c, NoticeType.CASE_EXTENDED, args(c, "days", String.valueOf(c.extensionDays),
                    "reason", c.extensionReason, "handlingDue", Json.time(c.handlingDueAt)));
            case ANSWERED -> petitioner(c, NoticeType.CASE_ANSWERED, answer(c, "reviewDue", c.answerWindowDueAt));
            case REVIEW_REQUESTED -> unit(c, NoticeType.UNIT_REVIEW_REQUESTED, null,
                    args(c, "reviewDue", Json.time(c.reviewDueAt)));
            case REVIEW_ANSWERED -> petitioner(c, NoticeType.CASE_REVIEW_ANSWERED,
                    answer(c, "reReviewDue", c.reviewWindowDueAt));
            case RE_REVIEW_ANSWERED -> petitioner(c, NoticeType.CASE_RE_REVIEW_ANSWERED, answer(c, null, null));
            case FINALIZED -> petitioner(c, NoticeType.CASE_FINALIZED, args(c));
            case OVERDUE -> {
                Stage stage = Stage.valueOf(String.valueOf(extra.get("stage")));
                if (c.unitId != null && stage.unitsDeadline()) {
                    unit(c, NoticeType.UNIT_OVERDUE, stage.name(), args(c, "stage", stage.name()));
                }
                area(c, NoticeType.AREA_OVERDUE, stage.name(), args(c, "stage", stage.name(), "unitId", c.unitId));
            }
            case BACKLOGGED -> area(c, NoticeType.AREA_BACKLOG, BACKLOG_STAGE,
                    args(c, "reason", String.valueOf(extra.get("reason"))));
            case RATED, RE_REVIEW_REQUESTED, MERGED, REPEAT_OVERRIDDEN -> {
                // nobody is told: the table of notices.md has no row for these
            }
        }
    }

    /** A supervision note (督办) on a case: its area's supervisors are told (the note itself stays in the case). */
    @Transactional(Transactional.TxType.MANDATORY)
    public void supervised(CaseEntity c) {
        area(c, NoticeType.AREA_SUPERVISION_NOTE, null, args(c));
    }

    /** The unit's deadline of {@code stage} is three working days away (once per stage). */
    @Transactional(Transactional.TxType.MANDATORY)
    public void dueSoon(CaseEntity c, Stage stage) {
        unit(c, NoticeType.UNIT_DUE_SOON, stage.name(),
                args(c, "stage", stage.name(), "dueAt", Json.time(stage.dueAt(c))));
    }

    /** The petitioner's notice; a statutory one is also a written notice. */
    private void petitioner(CaseEntity c, NoticeType type, Map<String, String> args) {
        PersonalData.Petitioner p = cipher.decryptPersonalData(c.petitionerEnc).petitioner();
        boolean confidential = c.type == Enums.CaseType.MISCONDUCT_REPORT;
        notices.notify(new NoticeRequest(type, c.ownerSub, subject(c), args, null,
                new NoticeRequest.Contact(p.phone(), p.email(), chosen(c, p, confidential), confidential)))
                .filter(id -> type.statutory()).ifPresent(id -> {
                    WrittenNotices.Issuer issuer = issuer(type);
                    WrittenNotices.IssuerName name = issuerName(c, type, issuer);
                    written.record(id, c.id, type, issuer, name, args);
                });
    }

    /** The unit decides on acceptance and answers; review bodies their reviews; the petition office the rest. */
    static WrittenNotices.Issuer issuer(NoticeType type) {
        return switch (type) {
            case CASE_ACCEPTED, CASE_DECLINED, CASE_EXTENDED, CASE_ANSWERED -> WrittenNotices.Issuer.UNIT;
            case CASE_REVIEW_ANSWERED, CASE_RE_REVIEW_ANSWERED -> WrittenNotices.Issuer.REVIEWER;
            default -> WrittenNotices.Issuer.PETITION_OFFICE;
        };
    }

    /**
     * The handling unit's name in the directory (zh, and its English name when it has one; its id if the directory
     * does not know it yet); the reviewing area's name (re-review: the level above the reviewer); the county's
     * petition office otherwise.
     */
    private WrittenNotices.IssuerName issuerName(CaseEntity c, NoticeType type, WrittenNotices.Issuer issuer) {
        String area = c.areaPath[0];
        if (issuer == WrittenNotices.Issuer.UNIT) {
            return units.find(c.unitId).map(u -> new WrittenNotices.IssuerName(u.name(), u.nameEn()))
                    .orElse(new WrittenNotices.IssuerName(c.unitId, null));
        }
        if (issuer == WrittenNotices.Issuer.REVIEWER && c.reviewerAreaPath != null) {
            int reviewer = c.reviewerAreaPath.length - 1;
            area = type == NoticeType.CASE_RE_REVIEW_ANSWERED && reviewer > 0 ? c.reviewerAreaPath[reviewer - 1]
                    : c.reviewerAreaCode;
        }
        return new WrittenNotices.IssuerName(areas.name(area).orElse(area), null);
    }

    /**
     * The channels chosen at registration; without a choice, SMS when a phone was given — except for a confidential
     * reporter, who is told only through channels they chose.
     */
    static Set<Channel> chosen(CaseEntity c, PersonalData.Petitioner p, boolean confidential) {
        if (c.noticeChannels != null) {
            Set<Channel> chosen = EnumSet.noneOf(Channel.class);
            Arrays.stream(c.noticeChannels).map(Channel::valueOf).forEach(chosen::add);
            return chosen;
        }
        return !confidential && p.phone() != null ? EnumSet.of(Channel.SMS) : EnumSet.noneOf(Channel.class);
    }

    private void unit(CaseEntity c, NoticeType type, String stage, Map<String, String> args) {
        if (c.unitId != null) {
            notices.notify(new NoticeRequest(type, c.unitId, subject(c), args, stage, null));
        }
    }

    private void area(CaseEntity c, NoticeType type, String stage, Map<String, String> args) {
        notices.notify(new NoticeRequest(type, c.areaCode, subject(c), args, stage, null));
    }

    private static NoticeRequest.Subject subject(CaseEntity c) {
        return new NoticeRequest.Subject(c.id, c.number, c.areaPath);
    }

    private static Map<String, String> answer(CaseEntity c, String windowName, OffsetDateTime window) {
        Map<String, String> args = args(c, "decision", c.decision.name(), "text", c.answerText);
        if (windowName != null) {
            args.put(windowName, Json.time(window));
        }
        return args;
    }

    /** The case number and name/value pairs (a null value is shown as a dash). */
    private static Map<String, String> args(CaseEntity c, String... pairs) {
        Map<String, String> args = new LinkedHashMap<>();
        args.put("number", c.number);
        for (int i = 0; i < pairs.length; i += 2) {
            args.put(pairs[i], pairs[i + 1]);
        }
        return args;
    }
}
