package org.civicsafety.assessment.score;

import io.quarkus.security.Authenticated;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.civicsafety.assessment.area.Area;
import org.civicsafety.assessment.area.AreaRepository;
import org.civicsafety.assessment.common.ApiException;
import org.civicsafety.assessment.common.FieldMessage;
import org.civicsafety.assessment.common.Caller;
import org.civicsafety.assessment.common.Paging;
import org.civicsafety.assessment.common.ProblemType;
import org.civicsafety.assessment.period.Calendar;
import org.civicsafety.assessment.period.Period;
import org.civicsafety.assessment.warning.WarningService;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

@Path("/api/v1/scores")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
public class ScoreResource {
    static final Set<String> LEVELS = Set.of("COUNTY", "TOWNSHIP", "VILLAGE", "GRID");

    @Inject Caller caller;
    @Inject AreaRepository areas;
    @Inject ScoreService scores;
    @Inject Calendar calendar;
    @Inject WarningService warnings;
    @Inject ScoreRepository snapshots;

    public record Item(String areaCode, String name, String level, String parentCode, Long population, String period,
            Double score, String grade, Integer rank, Integer rankOf, boolean veto, List<String> warnings,
            Double trend, Double previousScore, double coverage, int modelVersion) {}

    public record PeriodInfo(String key, String start, String end, boolean frozen) {}

    public record Detail(String areaCode, String name, String level, String parentCode, Long population,
            PeriodInfo period,
            int modelVersion, Double score, Double baseScore, String grade, Integer rank, Integer rankOf,
            boolean veto, List<String> vetoTriggers, Scoring.Penalty penalties, double coverage,
            List<Scoring.IndicatorResult> indicators, List<String> topLosers, Double trend,
            Double previousScore, List<String> warnings) {}

    public record HistoryItem(String period, Double score, String grade, Integer rank, Integer rankOf, boolean veto,
            int modelVersion, String updatedAt) {}

    /** Ranked list: best rank first, ungraded areas after the graded ones. */
    @GET
    public Paging.Page<Item> list(@QueryParam("level") String level, @QueryParam("parentCode") String parentCode,
            @QueryParam("period") String period, @QueryParam("limit") String limit,
            @QueryParam("cursor") String cursor) {
        caller.require(Caller.SCORE_READERS);
        Period p = calendar.requestPeriod(period, "period");
        if (level != null && !LEVELS.contains(level))
            throw ApiException.badRequest("level", FieldMessage.Key.ONE_OF,
                    String.join(", ", new java.util.TreeSet<>(LEVELS)));
        Paging.limit(limit);
        Paging.offset(cursor);
        List<String> parents = new ArrayList<>();
        if (parentCode != null) {
            Area parent = areas.byCode(parentCode);
            if (parent == null)
                throw ApiException.notFound("Unknown area " + parentCode);
            parents.add(parentCode);
        } else if (level != null) {
            areas.byLevel(level).stream().filter(a -> caller.sees(a.path())).map(Area::parentCode).distinct()
                    .forEach(parents::add);
        } else if (caller.isAdmin() || caller.area() == null) {
            parents.add(null);
        } else {
            parents.add(caller.area());
        }
        List<Item> items = new ArrayList<>();
        for (String parent : parents) {
            List<ScoreService.Scored> group = scores.group(parent, p);
            Map<String, List<String>> w = warnings.typesFor(group.stream().map(s -> s.area().code()).toList(), p.key());
            for (ScoreService.Scored s : group) {
                if (!caller.sees(s.area().path()))
                    continue;
                if (level != null && !level.equals(s.area().level()))
                    continue;
                items.add(item(s, p, w.getOrDefault(s.area().code(), List.of())));
            }
        }
        if (parentCode != null && items.isEmpty() && !caller.sees(areas.byCode(parentCode).path())) {
            throw ApiException.notFound("Unknown area " + parentCode); // outside the subtree: not revealed
        }
        items.sort(Comparator.comparing((Item i) -> i.rank() == null ? Integer.MAX_VALUE : i.rank())
                .thenComparing(i -> i.score() == null ? 1 : -i.score())
                .thenComparing(Item::areaCode));
        return Paging.page(items, limit, cursor);
    }

    @GET
    @Path("{areaCode}")
    public Detail detail(@PathParam("areaCode") String code, @QueryParam("period") String period,
            @HeaderParam("Accept-Language") String language) {
        caller.require(Caller.SCORE_READERS);
        Period p = calendar.requestPeriod(period, "period");
        Area a = visible(code);
        ScoreService.Scored s = scores.group(a.parentCode(), p).stream().filter(x -> x.area().code().equals(code))
                .findFirst().orElseThrow(() -> ApiException.notFound("Unknown area " + code));
        Scoring.AreaResult r = s.result();
        List<String> w = warnings.typesFor(List.of(code), p.key()).getOrDefault(code, List.of());
        return new Detail(a.code(), a.name(), a.level(), a.parentCode(), a.population(),
                new PeriodInfo(p.key(), p.start().toString(), p.end().toString(), calendar.frozen(p)), s.modelVersion(),
                r.score(), r.baseScore(), r.grade(), r.rank(), r.rankOf(), r.veto(), r.vetoTriggers(), r.penalty(),
                r.coverage(),
                english(language) ? r.indicators().stream().map(i -> i.named(true)).toList() : r.indicators(),
                r.topLosers(), s.trend(), s.previousScore(), w);
    }

    /** Score and grade per period: the live running score, then the stored snapshot of every calendar period. */
    @GET
    @Path("{areaCode}/history")
    public Map<String, Object> history(@PathParam("areaCode") String code) {
        caller.require(Caller.SCORE_READERS);
        Area a = visible(code);
        List<HistoryItem> items = new ArrayList<>();
        Period running = calendar.running();
        scores.group(a.parentCode(), running).stream().filter(x -> x.area().code().equals(code)).findFirst()
                .ifPresent(s -> items.add(new HistoryItem(Period.RUNNING, s.result().score(), s.result().grade(),
                        s.result().rank(), s.result().rankOf(), s.result().veto(), s.modelVersion(), null)));
        for (ScoreRepository.Snapshot h : snapshots.history(code)) {
            items.add(
                    new HistoryItem(h.period(), h.score(), h.grade(), h.rank(), h.rankOf(), h.veto(), h.modelVersion(),
                            h.updatedAt().toString()));
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("areaCode", code);
        out.put("items", items);
        return out;
    }

    /** The same choice as for problem titles and field messages: zh-CN unless Accept-Language prefers English. */
    static boolean english(String acceptLanguage) {
        return ProblemType.locale(acceptLanguage).equals(Locale.ENGLISH);
    }

    private Area visible(String code) {
        Area a = areas.byCode(code);
        if (a == null || !caller.sees(a.path()))
            throw ApiException.notFound("Unknown area " + code);
        return a;
    }

    private static Item item(ScoreService.Scored s, Period p, List<String> warnings) {
        Scoring.AreaResult r = s.result();
        Area a = s.area();
        return new Item(a.code(), a.name(), a.level(), a.parentCode(), a.population(), p.key(), r.score(), r.grade(),
                r.rank(), r.rankOf(), r.veto(), warnings, s.trend(), s.previousScore(), r.coverage(), s.modelVersion());
    }
}
