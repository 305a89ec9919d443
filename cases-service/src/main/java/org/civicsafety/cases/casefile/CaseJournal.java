package org.civicsafety.cases.casefile;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.civicsafety.cases.common.Json;
import org.civicsafety.cases.outbox.Outbox;
import org.civicsafety.cases.workflow.CaseEntity;
import org.civicsafety.cases.workflow.CaseEvent;
import org.civicsafety.cases.workflow.CaseState;
import org.civicsafety.cases.workflow.Enums;

/**
 * The case's history ({@code case_history}), its outbox events and the notices each event causes
 * ({@link CaseNotices}): appended in the caller's transaction, read back in order.
 */
@ApplicationScoped
public class CaseJournal {

    @Inject CaseLogRepository logs;
    @Inject Outbox outbox;
    @Inject CaseNotices notices;

    @Transactional(Transactional.TxType.MANDATORY)
    public void history(CaseEntity c, String actor, String role, String action, CaseState fromState, String note) {
        logs.appendHistory(c.id, OffsetDateTime.now(ZoneOffset.UTC), actor, role, action,
                fromState == null ? null : fromState.name(), c.state.name(), note);
    }

    /** The data never carries personal data. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void event(CaseEntity c, CaseEvent type, Map<String, Object> extra) {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("caseId", c.id.toString());
        d.put("number", c.number);
        d.put("channel", c.channel);
        d.put("type", c.type);
        d.put("areaCode", c.areaCode);
        d.put("path", c.areaPath == null ? null : Arrays.asList(c.areaPath));
        d.put("state", c.state);
        d.put("unitId", c.unitId);
        // Even a pseudonym could link a confidential reporter (Art. 30) to their other petitions.
        d.put("petitionerRef", c.type == Enums.CaseType.MISCONDUCT_REPORT ? null : c.petitionerRef);
        d.put("groupSize", c.groupSize);
        d.put("repeat", c.repeat);
        d.put("repeatOf", c.repeatOf == null ? null : c.repeatOf.toString());
        d.put("dueAt", Json.time(c.currentStage().dueAt()));
        d.put("version", c.version);
        d.put("occurredAt", Json.time(OffsetDateTime.now(ZoneOffset.UTC)));
        if (extra != null) {
            d.putAll(extra);
        }
        outbox.add(type.ceType(), c.id.toString(), d);
        notices.on(c, type, extra == null ? Map.of() : extra);
    }

    /** The case's history, oldest first. */
    public List<CaseApi.HistoryEntry> history(UUID caseId) {
        return logs.history(caseId).stream().map(r -> new CaseApi.HistoryEntry(r.id(), Json.time(r.at()), r.actor(),
                r.role(), r.action(), state(r.fromState()), state(r.toState()), r.note())).toList();
    }

    /** History rows hold state names as written from {@link CaseState}; the first entry has no former state. */
    private static CaseState state(String name) {
        return name == null ? null : CaseState.valueOf(name);
    }
}
