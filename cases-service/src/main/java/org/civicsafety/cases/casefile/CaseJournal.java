package org.civicsafety.cases.casefile;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.civicsafety.cases.common.Json;
import org.civicsafety.cases.outbox.Outbox;

/** Appends history rows and outbox events for a case change, in the caller's transaction. */
@ApplicationScoped
public class CaseJournal {

    @Inject EntityManager em;
    @Inject Outbox outbox;

    @Transactional(Transactional.TxType.MANDATORY)
    public void history(CaseEntity c, String actor, String role, String action, String fromState, String note) {
        em.createNativeQuery("""
                INSERT INTO case_history (case_id, at, actor_sub, actor_role, action, from_state, to_state, note)
                VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)""")
                .setParameter(1, c.id)
                .setParameter(2, OffsetDateTime.now(ZoneOffset.UTC))
                .setParameter(3, actor)
                .setParameter(4, role)
                .setParameter(5, action)
                .setParameter(6, fromState)
                .setParameter(7, c.state)
                .setParameter(8, note)
                .executeUpdate();
    }

    /** {@code shortType} like {@code assigned}; the data never carries personal data. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void event(CaseEntity c, String shortType, Map<String, Object> extra) {
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
        d.put("petitionerRef", Enums.CaseType.MISCONDUCT_REPORT.name().equals(c.type) ? null : c.petitionerRef);
        d.put("groupSize", c.groupSize);
        d.put("repeat", c.repeat);
        d.put("repeatOf", c.repeatOf == null ? null : c.repeatOf.toString());
        d.put("dueAt", Json.time(c.currentStage().dueAt()));
        d.put("version", c.version);
        d.put("occurredAt", Json.time(OffsetDateTime.now(ZoneOffset.UTC)));
        if (extra != null) {
            d.putAll(extra);
        }
        outbox.add(shortType, c.id.toString(), d);
    }
}
