package org.civicsafety.cases.casefile;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
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

/** Backlog ownership (包案) and supervision notes (督办) by supervisors over their area. */
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
        if (!c.state.isOpen()) {
            throw ApiException.illegalTransition("only an open case can be put on the backlog ledger");
        }
        boolean newly = !c.backlog;
        c.backlog = true;
        if (c.backlogReason == null) {
            c.backlogReason = BacklogReason.SUPERVISOR;
        }
        c.backlogLeader = b.leader();
        c.backlogPlan = b.plan();
        c.backlogTargetDate = b.targetDate();
        CaseService.touch(c, OffsetDateTime.now(ZoneOffset.UTC));
        journal.history(c, who.sub(), Role.SUPERVISOR.claim(), "BACKLOG", c.state,
                "leader " + b.leader() + ", target " + b.targetDate());
        if (newly) {
            journal.event(c, CaseEvent.BACKLOGGED, Map.of("reason", c.backlogReason.name()));
        }
        return c;
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public Supervision supervise(UUID id, CaseApi.SupervisionBody b, Access.Who who) {
        CaseEntity c = cases.lockVisible(id, who);
        requireSupervisorInArea(c, who);
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        long recordId = logs.addSupervision(c.id, now, who.sub(), b.note());
        journal.history(c, who.sub(), Role.SUPERVISOR.claim(), "SUPERVISE", c.state, b.note());
        notices.supervised(c);
        return new Supervision(recordId, c.id, Json.time(now), who.sub(), b.note());
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
