package org.civicsafety.assessment.warning;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.civicsafety.assessment.outbox.Outbox;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Raising warnings is idempotent (dedupe key); each new warning emits warning.raised through the outbox. */
@ApplicationScoped
public class WarningService {
    public static final List<String> TYPES = List.of("YELLOW_CARD", "TREND_ALERT", "VETO", "REASSESS");

    @Inject WarningRepository repository;
    @Inject Outbox outbox;

    public record WarningView(UUID id, String type, String areaCode, String period, String reason, UUID assessmentId,
            Instant raisedAt) {}

    /** @return true when the warning is new */
    public boolean raise(String type, String areaCode, String[] path, String period, String reason, UUID assessmentId,
            String dedupeKey) {
        UUID id = UUID.randomUUID();
        if (!repository.raise(id, type, areaCode, path, period, reason, assessmentId, dedupeKey))
            return false;
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("warningId", id.toString());
        data.put("type", type);
        data.put("areaCode", areaCode);
        data.put("period", period);
        data.put("reason", reason);
        if (assessmentId != null)
            data.put("assessmentId", assessmentId.toString());
        outbox.write(assessmentId != null ? assessmentId.toString() : areaCode, Outbox.WARNING_RAISED, 1, data);
        return true;
    }

    /** Warnings in a subtree (areaCode matches descendants too), newest first. */
    public List<WarningView> find(String areaCode, String type, String period, String scopeArea) {
        return repository.find(areaCode, type, period, scopeArea);
    }

    /** Types of warnings per area for one period (to show in score lists). */
    public Map<String, List<String>> typesFor(List<String> areaCodes, String period) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        for (WarningRepository.AreaType t : repository.types(areaCodes, period))
            out.computeIfAbsent(t.areaCode(), k -> new ArrayList<>()).add(t.type());
        return out;
    }
}
