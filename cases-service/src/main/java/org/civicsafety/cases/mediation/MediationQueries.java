package org.civicsafety.cases.mediation;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Locale;
import java.util.UUID;
import org.civicsafety.cases.area.AreaDirectory;
import org.civicsafety.cases.casefile.Access;
import org.civicsafety.cases.casefile.CaseQueries;
import org.civicsafety.cases.common.ApiException;
import org.civicsafety.cases.common.Json;
import org.civicsafety.cases.dispute.MediationType;

/** Read side: the list with cursor paging, the history, the parties' public tracking view and statistics; filters as cases'. */
@ApplicationScoped
public class MediationQueries {

    @Inject MediationRepository mediations;
    @Inject AreaDirectory areas;

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

    /**
     * The statistics of the caller's scope (an admin: everything), within {@code areaCode} if given: openings by the
     * period's opening time, conclusions by their conclusion time; by type and by the child areas of the area (of
     * the caller's area without one; counties for an admin).
     */
    public MediationApi.Stats stats(String areaCode, String from, String to, Access.Who who) {
        String area = areaCode == null ? null : CaseQueries.areaCode(areaCode);
        MediationRepository.StatsQuery f = new MediationRepository.StatsQuery(
                MediationAccess.readsEverything(who) ? null : who.area(), area,
                from == null ? null : CaseQueries.time("from", from, false),
                to == null ? null : CaseQueries.time("to", to, true));
        if (!MediationAccess.readsEverything(who) && who.area() == null) {
            return new MediationApi.Stats(area, from, to, 0, Map.of(), 0, 0, 0, 0, null, null, null, null, Map.of(),
                    List.of());
        }
        String scope = f.scopeArea();
        String base = area != null ? area : scope;
        int depth = base == null ? 0 : areas.path(base).map(p -> p.length).orElse(0);
        String child = depth == 0 ? "m.area_path[1]"
                : "coalesce(m.area_path[%d], m.area_path[%d])".formatted(depth + 1, depth);
        Map<String, Long> byState = new LinkedHashMap<>();
        mediations.openedByState(f).forEach(r -> byState.put(r.key(), r.opened()));
        Map<String, MediationApi.Figures> byType = new LinkedHashMap<>();
        mediations.stats(f, "m.type").forEach(r -> byType.put(r.key(), figures(r)));
        List<MediationApi.AreaStats> byArea = mediations.stats(f, child).stream()
                .map(r -> new MediationApi.AreaStats(r.key(), areas.name(r.key()).orElse(r.key()), figures(r)))
                .toList();
        MediationApi.Figures all = mediations.stats(f, "'all'").stream().findFirst().map(MediationQueries::figures)
                .orElse(figures(new MediationRepository.StatsRow("all", 0, 0, 0, 0, 0, 0, 0, 0, null)));
        return new MediationApi.Stats(area, from, to, all.count(), byState, all.concluded(), all.agreed(),
                all.refused(), all.withdrawn(), all.successRate(), all.villageLevelShare(), all.medianDurationDays(),
                all.fulfilmentRate(), byType, byArea);
    }

    private static MediationApi.Figures figures(MediationRepository.StatsRow r) {
        return new MediationApi.Figures(r.opened(), r.concluded(), r.agreed(), r.refused(), r.withdrawn(),
                CaseQueries.rate(r.agreed(), r.concluded()), CaseQueries.rate(r.grassroots(), r.concluded()),
                r.medianDays() == null ? null : Math.round(r.medianDays() * 10) / 10.0,
                CaseQueries.rate(r.fulfilled(), r.followedUp()));
    }
}
