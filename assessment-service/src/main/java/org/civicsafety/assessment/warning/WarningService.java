package org.civicsafety.assessment.warning;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.civicsafety.assessment.outbox.EventType;
import org.civicsafety.assessment.outbox.Outbox;
import org.civicsafety.assessment.period.Period;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Raising warnings is idempotent (dedupe key); each new warning emits warning.raised through the outbox. */
@ApplicationScoped
public class WarningService {
    @Inject WarningRepository repository;
    @Inject Outbox outbox;

    @Schema(name = "Warning")
    public record WarningView(UUID id, @Schema(ref = "WarningType") String type, String areaCode,
            @Schema(pattern = Period.KEY_PATTERN) String period, String reason,
            @Schema(type = SchemaType.STRING, format = "uuid", nullable = true, description = "the risk assessment to reassess (REASSESS only)") UUID assessmentId,
            Instant raisedAt) {}

    /** @return true when the warning is new */
    public boolean raise(WarningType type, String areaCode, String[] path, String period, String reason,
            UUID assessmentId,
            String dedupeKey) {
        UUID id = UUID.randomUUID();
        if (!repository.raise(id, type.name(), areaCode, path, period, reason, assessmentId, dedupeKey))
            return false;
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("warningId", id.toString());
        data.put("type", type.name());
        data.put("areaCode", areaCode);
        data.put("period", period);
        data.put("reason", reason);
        if (assessmentId != null)
            data.put("assessmentId", assessmentId.toString());
        outbox.write(assessmentId != null ? assessmentId.toString() : areaCode, EventType.WARNING_RAISED, 1, data);
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
