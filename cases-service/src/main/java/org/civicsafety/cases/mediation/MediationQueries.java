package org.civicsafety.cases.mediation;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.civicsafety.cases.casefile.Access;
import org.civicsafety.cases.casefile.CaseQueries;
import org.civicsafety.cases.common.ApiException;
import org.civicsafety.cases.common.Json;
import org.civicsafety.cases.dispute.MediationType;

/** Read side: the list with cursor paging, the history and the parties' public tracking view; filters as cases'. */
@ApplicationScoped
public class MediationQueries {

    @Inject MediationRepository mediations;

    public MediationApi.Page<MediationApi.ListItem> list(MediationApi.Filters f, Access.Who who) {
        if (!MediationAccess.readsEverything(who) && who.area() == null) {
            return new MediationApi.Page<>(List.of(), null);
        }
        String q = null;
        if (f.q() != null && !f.q().isBlank()) {
            if (f.q().length() > 200) {
                throw ApiException.badField("q", "too-long", 200);
            }
            CaseQueries.plainText("q", f.q());
            q = "%" + f.q().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
        }
        int limit = CaseQueries.limit(f.limit());
        CaseQueries.Cursor cursor = f.cursor() == null ? null : CaseQueries.decodeCursor(f.cursor());
        UUID mediatorId = null;
        if (f.mediatorId() != null) {
            try {
                mediatorId = UUID.fromString(f.mediatorId());
            } catch (IllegalArgumentException e) {
                throw ApiException.badField("mediatorId", "wrong-type");
            }
        }
        List<MediationEntity> rows = mediations.page(new MediationRepository.ListQuery(
                MediationAccess.readsEverything(who) ? null : who.area(),
                f.state() == null ? null : CaseQueries.enumValue("state", f.state(), MediationState.class),
                f.type() == null ? null : CaseQueries.enumValue("type", f.type(), MediationType.class).name(),
                f.areaCode() == null ? null : CaseQueries.areaCode(f.areaCode()), mediatorId,
                f.overdue() == null ? null : CaseQueries.bool("overdue", f.overdue()),
                f.from() == null ? null : CaseQueries.time("from", f.from(), false),
                f.to() == null ? null : CaseQueries.time("to", f.to(), true), q,
                cursor == null ? null : cursor.at(), cursor == null ? null : cursor.id(), limit + 1));
        String next = null;
        if (rows.size() > limit) {
            rows = rows.subList(0, limit);
            MediationEntity last = rows.get(limit - 1);
            next = CaseQueries.encodeCursor(last.createdAt.toInstant(), last.id);
        }
        return new MediationApi.Page<>(rows.stream().map(MediationViews::item).toList(), next);
    }

    public List<MediationApi.HistoryEntry> history(UUID mediationId) {
        return mediations.history(mediationId).stream().map(r -> new MediationApi.HistoryEntry(r.id(),
                Json.time(r.at()), r.actor(), r.role(), r.action(),
                r.fromState() == null ? null : MediationState.valueOf(r.fromState()),
                MediationState.valueOf(r.toState()), r.note())).toList();
    }

    /** A party's view by their tracking code (the alphabet and length of cases' codes): no one's personal data. */
    public MediationApi.TrackView track(String code) {
        String normalized = code == null ? null : code.strip().toUpperCase(Locale.ROOT);
        if (!CaseQueries.isTrackingCode(normalized)) {
            throw ApiException.notFound("no mediation with this tracking code");
        }
        MediationEntity m = mediations.byTrackingCode(normalized)
                .orElseThrow(() -> ApiException.notFound("no mediation with this tracking code"));
        return new MediationApi.TrackView(m.number, m.type, m.state, m.outcome, Json.time(m.dueAt), m.sessionCount,
                Json.time(m.openedAt), Json.time(m.updatedAt));
    }
}
