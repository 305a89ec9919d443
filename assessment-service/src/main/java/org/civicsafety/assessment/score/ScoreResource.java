package org.civicsafety.assessment.score;

import io.quarkus.security.Authenticated;
import jakarta.inject.Inject;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.civicsafety.assessment.area.Area;
import org.civicsafety.assessment.area.AreaRepository;
import org.civicsafety.assessment.common.ApiException;
import org.civicsafety.assessment.common.Caller;
import org.civicsafety.assessment.common.Parameters;
import org.civicsafety.assessment.common.Paging;
import org.civicsafety.assessment.common.ProblemType;
import org.civicsafety.assessment.csv.CsvExport;
import org.civicsafety.assessment.csv.CsvOpenApiFilter;
import org.civicsafety.assessment.period.Calendar;
import org.civicsafety.assessment.period.Period;
import org.civicsafety.assessment.warning.WarningService;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.extensions.Extension;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

@Path("/api/v1/scores")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "scores", description = "The safety index (平安指数) of every area and period: ranked lists, the full "
        + "explanation of one score, and its history. Staff (grid_worker, handler, petition_officer, supervisor, "
        + "analyst) see their `area` subtree, admin everything.")
public class ScoreResource {
    private static final String AREA_CODE = "the area's code";
    private static final String GRADE = "null when less than the model's minimum coverage of the weight is "
            + "available (a vetoed area is UNQUALIFIED)";
    private static final String WARNINGS = "the types of warning (WarningType) raised for the area and period";
    private static final String PERIOD = "`running` (trailing 90 days, the default), a month `2026-11`, a quarter "
            + "`2026-Q4` or a year `2026`";

    @Inject Caller caller;
    @Inject CsvExport csv;
    @Inject AreaRepository areas;
    @Inject ScoreService scores;
    @Inject Calendar calendar;
    @Inject WarningService warnings;
    @Inject ScoreRepository snapshots;

    @Schema(name = "AreaScore", description = "An area's score in a ranked list")
    public record Item(String areaCode, String name, @Schema(ref = "AreaLevel") String level,
            @Schema(nullable = true, description = "null for a county") String parentCode,
            @Schema(nullable = true) Long population, @Schema(pattern = Period.KEY_PATTERN) String period,
            @Schema(nullable = true, description = "0–100; null without any available indicator") Double score,
            @Schema(type = SchemaType.STRING, nullable = true, description = GRADE) Scoring.Grade grade,
            @Schema(nullable = true, description = "rank among the graded siblings (ties share a rank)") Integer rank,
            @Schema(nullable = true, description = "how many siblings are ranked") Integer rankOf, boolean veto,
            @Schema(description = WARNINGS) List<String> warnings,
            @Schema(nullable = true, description = "score minus the previous period's") Double trend,
            @Schema(nullable = true) Double previousScore,
            @Schema(description = "available weight / total weight, 0–1") double coverage, int modelVersion) {}

    @Schema(name = "ScorePeriod")
    public record PeriodInfo(@Schema(pattern = Period.KEY_PATTERN) String key,
            @Schema(format = "date") String start, @Schema(format = "date") String end,
            @Schema(description = "no longer open to late events") boolean frozen) {}

    @Schema(name = "AreaScoreDetail", description = "An area's score with its full explanation")
    public record Detail(String areaCode, String name, @Schema(ref = "AreaLevel") String level,
            @Schema(nullable = true) String parentCode, @Schema(nullable = true) Long population,
            PeriodInfo period, int modelVersion, @Schema(nullable = true) Double score,
            @Schema(nullable = true, description = "the score before penalties") Double baseScore,
            @Schema(type = SchemaType.STRING, nullable = true, description = GRADE) Scoring.Grade grade,
            @Schema(nullable = true) Integer rank,
            @Schema(nullable = true) Integer rankOf, boolean veto, List<String> vetoTriggers,
            Scoring.Penalty penalties, double coverage, List<Scoring.IndicatorResult> indicators,
            @Schema(description = "the (at most) three indicators losing most points") List<String> topLosers,
            @Schema(nullable = true) Double trend, @Schema(nullable = true) Double previousScore,
            @Schema(description = WARNINGS) List<String> warnings,
            @Schema(description = "statistics beside the indicators: the 12345 three rates of the area's incidents") IncidentRates incidentRates) {}

    @Schema(name = "AreaScoreHistoryItem")
    public record HistoryItem(@Schema(pattern = Period.KEY_PATTERN) String period,
            @Schema(nullable = true) Double score,
            @Schema(type = SchemaType.STRING, nullable = true, description = GRADE) Scoring.Grade grade,
            @Schema(nullable = true) Integer rank, @Schema(nullable = true) Integer rankOf, boolean veto,
            int modelVersion,
            @Schema(format = "date-time", nullable = true, description = "when the snapshot was stored; null for the "
                    + "live running score") String updatedAt) {}

    @Schema(name = "AreaScoreHistory")
    public record History(String areaCode, @Schema(description = "the live running score, then each snapshotted "
            + "month, quarter and year") List<HistoryItem> items) {}

    /** Ranked list: best rank first, ungraded areas after the graded ones. */
    @GET
    @Operation(operationId = "listScores", summary = "Ranked scores of sibling areas", description = "Best rank first, ungraded areas after the graded ones. Without a filter: admin gets the "
            + "counties, staff the children of their area.")
    @Extension(name = CsvOpenApiFilter.EXTENSION, value = "true")
    @APIResponse(responseCode = "200", description = "a page of area scores", content = @Content(schema = @Schema(ref = "AreaScorePage")))
    public Paging.Page<Item> list(@BeanParam Filters filters, @BeanParam Paging.Params page) {
        List<Item> all = ranked(filters);
        Paging.limit(page.limit);
        Paging.offset(page.cursor);
        return Paging.page(all, page.limit, page.cursor);
    }

    /** {@link #list} as a CSV download (the same operation in the OpenAPI document). */
    @GET
    @Produces(CsvExport.PRODUCES)
    @Operation(hidden = true)
    public Response listCsv(@BeanParam Filters filters) {
        return csv.export("scores", Item.class, Paging.pages(() -> ranked(filters)));
    }

    /** The filters of the ranked list, shared by its JSON page and its CSV export. */
    public static class Filters {
        @QueryParam("level")
        @Parameter(description = "every area of this level in the caller's scope", schema = @Schema(implementation = Area.Level.class)) String level;
        @QueryParam("parentCode")
        @Parameter(description = "the children of this area") String parentCode;
        @QueryParam("period")
        @Parameter(description = PERIOD, schema = @Schema(type = SchemaType.STRING, pattern = Period.KEY_PATTERN, defaultValue = Period.RUNNING)) String period;
    }

    /** The whole ranked list, after checking the filters and the caller. */
    private List<Item> ranked(Filters f) {
        String level = f.level;
        String parentCode = f.parentCode;
        caller.require(Caller.SCORE_READERS);
        Period p = calendar.requestPeriod(f.period, "period");
        Parameters.oneOf("level", level, Area.Level.class);
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
        return items;
    }

    @GET
    @Path("{areaCode}")
    @Operation(operationId = "getAreaScore", summary = "An area's score with its full explanation", description = "Raw counts and denominators, raw and smoothed values, normalised score, weight, "
            + "contribution and points lost per indicator; the three indicators losing most points; "
            + "penalties, veto triggers, rank and trend.")
    @APIResponse(responseCode = "200", description = "the score and its explanation", content = @Content(schema = @Schema(implementation = Detail.class)))
    public Detail detail(@PathParam("areaCode") @Parameter(description = AREA_CODE) String code,
            @QueryParam("period") @Parameter(description = PERIOD, schema = @Schema(type = SchemaType.STRING, pattern = Period.KEY_PATTERN, defaultValue = Period.RUNNING)) String period,
            @HeaderParam("Accept-Language") @Parameter(description = "the language of the indicators' names", schema = @Schema(enumeration = {
                    "zh-CN", "en"}, defaultValue = "zh-CN")) String language) {
        caller.require(Caller.SCORE_READERS);
        Period p = calendar.requestPeriod(period, "period");
        Area a = visible(code);
        ScoreService.Scored s = scores.group(a.parentCode(), p).stream().filter(x -> x.area().code().equals(code))
                .findFirst().orElseThrow(() -> ApiException.notFound("Unknown area " + code));
        Scoring.AreaResult r = s.result();
        List<String> w = warnings.typesFor(List.of(code), p.key()).getOrDefault(code, List.of());
        return new Detail(a.code(), a.name(), a.level(), a.parentCode(), a.population(),
                new PeriodInfo(p.key(), p.start().toString(), p.end().toString(), calendar.frozen(p)), s.modelVersion(),
                r.score(), r.baseScore(), Scoring.Grade.of(r.grade()), r.rank(), r.rankOf(), r.veto(), r.vetoTriggers(),
                r.penalty(),
                r.coverage(),
                english(language) ? r.indicators().stream().map(i -> i.named(true)).toList() : r.indicators(),
                r.topLosers(), s.trend(), s.previousScore(), w, scores.incidentRates(code, p));
    }

    /** Score and grade per period: the live running score, then the stored snapshot of every calendar period. */
    @GET
    @Path("{areaCode}/history")
    @Operation(operationId = "getAreaScoreHistory", summary = "An area's score and grade per period")
    @APIResponse(responseCode = "200", description = "the live running score, then every stored period", content = @Content(schema = @Schema(implementation = History.class)))
    public History history(@PathParam("areaCode") @Parameter(description = AREA_CODE) String code) {
        caller.require(Caller.SCORE_READERS);
        Area a = visible(code);
        List<HistoryItem> items = new ArrayList<>();
        Period running = calendar.running();
        scores.group(a.parentCode(), running).stream().filter(x -> x.area().code().equals(code)).findFirst()
                .ifPresent(s -> items
                        .add(new HistoryItem(Period.RUNNING, s.result().score(), Scoring.Grade.of(s.result().grade()),
                                s.result().rank(), s.result().rankOf(), s.result().veto(), s.modelVersion(), null)));
        for (ScoreRepository.Snapshot h : snapshots.history(code)) {
            items.add(
                    new HistoryItem(h.period(), h.score(), Scoring.Grade.of(h.grade()), h.rank(), h.rankOf(), h.veto(),
                            h.modelVersion(),
                            h.updatedAt().toString()));
        }
        return new History(code, items);
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
        return new Item(a.code(), a.name(), a.level(), a.parentCode(), a.population(), p.key(), r.score(),
                Scoring.Grade.of(r.grade()),
                r.rank(), r.rankOf(), r.veto(), warnings, s.trend(), s.previousScore(), r.coverage(), s.modelVersion());
    }
}
