package org.civicsafety.cases.casefile;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.civicsafety.cases.common.ApiException;
import org.civicsafety.cases.common.Json;
import org.civicsafety.cases.workflow.CaseEntity;
import org.civicsafety.cases.workflow.CaseEvent;
import org.civicsafety.cases.workflow.Enums.BacklogReason;
import org.civicsafety.cases.workflow.Role;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * Backlog ownership (包案) and supervision notes (督办) by supervisors over their area, leaders' instructions (批示)
 * given at reception days, and leaders' visits and appointments (下访, 约访) on backlog cases.
 */
@ApplicationScoped
public class SupervisionService {

    /** {@code url} is the record's own address (the Location of its 201). */
    @Schema(name = "CaseSupervision", description = "A supervision note (督办) on a case")
    public record Supervision(long id, UUID caseId, String at, String actor, String note, String url) {
        Supervision(long id, UUID caseId, String at, String actor, String note) {
            this(id, caseId, at, actor, note, "/api/v1/cases/" + caseId + "/supervisions/" + id);
        }
    }

    @Inject CaseLogRepository logs;
    @Inject CaseService cases;
    @Inject CaseJournal journal;
    @Inject CaseNotices notices;

    @Transactional(Transactional.TxType.MANDATORY)
    public CaseEntity backlog(UUID id, CaseApi.BacklogBody b, Long ifMatch, Access.Who who) {
        CaseEntity c = cases.lockVisible(id, who);
        requireSupervisorInArea(c, who);
        if (ifMatch != null && ifMatch != c.version) {
            throw ApiException.preconditionFailed("the case has changed (version " + c.version + "); reload it");
        }
        ledger(c, b.leader(), b.plan(), b.targetDate(), who.sub(), Role.SUPERVISOR.claim());
        return c;
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public Supervision supervise(UUID id, CaseApi.SupervisionBody b, Access.Who who) {
        CaseEntity c = cases.lockVisible(id, who);
        requireSupervisorInArea(c, who);
        return note(c, b.note(), who.sub(), Role.SUPERVISOR.claim());
    }

    /**
     * A leader's instruction (批示) given at a reception day, recorded by the petition officer of the case's area who
     * received the petitioner there (mediation.md): the case goes on the ledger with this leader as its responsible
     * leader (plan and target date stay as a supervisor set them) and the instruction is a supervision note.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public CaseEntity instruct(UUID id, String leader, String instruction, Access.Who who) {
        CaseEntity c = cases.lockVisible(id, who);
        if (!who.has(Role.PETITION_OFFICER) || !Access.inArea(who.area(), c)) {
            throw ApiException.forbidden("only a petition officer over the case's area can record an instruction");
        }
        ledger(c, leader, c.backlogPlan, c.backlogTargetDate, who.sub(), Role.PETITION_OFFICER.claim());
        note(c, instruction, who.sub(), Role.PETITION_OFFICER.claim());
        return c;
    }

    /** Puts the open case on the backlog ledger (包案) under this leader; the first time, it is published. */
    private void ledger(CaseEntity c, String leader, String plan, LocalDate targetDate, String actor, String role) {
        if (!c.state.isOpen()) {
            throw ApiException.illegalTransition("only an open case can be put on the backlog ledger");
        }
        boolean newly = !c.backlog;
        c.backlog = true;
        if (c.backlogReason == null) {
            c.backlogReason = BacklogReason.SUPERVISOR;
        }
        c.backlogLeader = leader;
        c.backlogPlan = plan;
        c.backlogTargetDate = targetDate;
        CaseService.touch(c, OffsetDateTime.now(ZoneOffset.UTC));
        journal.history(c, actor, role, "BACKLOG", c.state, "leader " + leader + ", target " + targetDate);
        if (newly) {
            journal.event(c, CaseEvent.BACKLOGGED, Map.of("reason", c.backlogReason.name()));
        }
    }

    /** A supervision note (督办), in the history too; the area's supervisors are told. */
    private Supervision note(CaseEntity c, String note, String actor, String role) {
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        long recordId = logs.addSupervision(c.id, now, actor, note);
        journal.history(c, actor, role, "SUPERVISE", c.state, note);
        notices.supervised(c);
        return new Supervision(recordId, c.id, Json.time(now), actor, note);
    }

    /**
     * A leader's visit or appointment on a backlog case (mediation.md), by a supervisor over its area: in the case's
     * history (kind, leader, date and place; the summary stays in the record) and, as the latest, in the ledger.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public CaseApi.LeaderContact leaderContact(UUID id, CaseApi.LeaderContactBody b, Access.Who who) {
        CaseEntity c = cases.lockVisible(id, who);
        requireSupervisorInArea(c, who);
        if (!c.backlog) {
            throw ApiException.illegalTransition("leaders' visits and appointments are recorded on backlog cases");
        }
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        long contactId = logs.addLeaderContact(c.id, b, now, who.sub());
        journal.history(c, who.sub(), Role.SUPERVISOR.claim(), "LEADER_CONTACT", c.state,
                b.kind() + " " + b.leader().strip() + " " + b.date() + ", " + b.place().strip());
        return leaderContact(c.id, contactId);
    }

    /** The case's leader contacts, latest first. */
    public List<CaseApi.LeaderContact> leaderContacts(UUID caseId) {
        return logs.leaderContacts(caseId).stream().map(r -> new CaseApi.LeaderContact(r.id(), caseId,
                CaseApi.LeaderContactKind.valueOf(r.kind()), r.leader(), r.date(), r.place(), r.summary(),
                Json.time(r.at()), r.actor(), "/api/v1/cases/" + caseId + "/leader-contacts/" + r.id())).toList();
    }

    public CaseApi.LeaderContact leaderContact(UUID caseId, long contactId) {
        return leaderContacts(caseId).stream().filter(r -> r.id() == contactId).findFirst()
                .orElseThrow(() -> ApiException.notFound("no such leader contact"));
    }

    public List<Supervision> list(UUID caseId) {
        return logs.supervisions(caseId).stream()
                .map(r -> new Supervision(r.id(), caseId, Json.time(r.at()), r.actor(), r.note())).toList();
    }

    /** One record of the case; another case's or an unknown id is a 404. A case has a handful of them. */
    public Supervision find(UUID caseId, long recordId) {
        return list(caseId).stream().filter(r -> r.id() == recordId).findFirst()
                .orElseThrow(() -> ApiException.notFound("no such supervision record"));
    }

    private static void requireSupervisorInArea(CaseEntity c, Access.Who who) {
        if (!who.has(Role.SUPERVISOR) || !Access.inArea(who.area(), c)) {
            throw ApiException.forbidden("only a supervisor over the case's area can do this");
        }
    }
}
