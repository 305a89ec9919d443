package org.civicsafety.assessment.survey;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import org.civicsafety.assessment.area.Area;
import org.civicsafety.assessment.common.SqlRow;
import org.civicsafety.assessment.indicator.Indicator;
import org.civicsafety.assessment.period.Period;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** Survey results (the SURVEY indicators, I9 and I10) and how they apply to a period and up the hierarchy. */
@ApplicationScoped
public class SurveyRepository implements PanacheRepositoryBase<Survey, UUID> {

    @Schema(name = "Survey", description = "An uploaded survey result")
    public record SurveyRow(@Schema(format = "uuid") String id, String areaCode,
            @Schema(description = "the area's codes from the county down") String[] path, String period,
            @Schema(enumeration = {"I9", "I10"}) String indicator, double value, int sampleSize, String createdBy,
            Instant createdAt){}

    private static final String ROW_COLUMNS = """
            s.id, s.area_code, a.path, s.period, s.indicator, s.value, s.sample_size, s.created_by, s.created_at
            """;

    /** One survey with its area's path (for the caller's scope). */
    public Optional<SurveyRow> view(UUID id) {
        return Optional.ofNullable(SqlRow.first(getEntityManager().createNativeQuery("SELECT " + ROW_COLUMNS
                + " FROM survey s JOIN area a ON a.code = s.area_code WHERE s.id = :id").setParameter("id", id),
                SurveyRepository::row));
    }

    /**
     * Stores the area's survey for the period and indicator, replacing an earlier upload. SQL: an upsert, so that
     * two uploads of the same survey at once both succeed (the later one wins) instead of one hitting the key.
     */
    public SurveyRow upsert(Area area, String period, String indicator, double value, int sample, String by) {
        Survey s = (Survey) getEntityManager().createNativeQuery("""
                INSERT INTO survey (id, area_code, period, indicator, value, sample_size, created_by)
                VALUES (:id, :area, :period, :indicator, :value, :sample, :by)
                ON CONFLICT (area_code, period, indicator) DO UPDATE SET value = excluded.value,
                    sample_size = excluded.sample_size, created_by = excluded.created_by, created_at = now()
                RETURNING *
                """, Survey.class).setParameter("id", UUID.randomUUID()).setParameter("area", area.code())
                .setParameter("period", period).setParameter("indicator", indicator).setParameter("value", value)
                .setParameter("sample", sample).setParameter("by", by).getSingleResult();
        return new SurveyRow(s.id.toString(), s.areaCode, area.path(), s.period, s.indicator, s.value, s.sampleSize,
                s.createdBy, s.createdAt);
    }

    /**
     * The survey indicators per area of a sibling group: the area's own survey for the period, else the
     * sample-weighted pool of its subtree. An area without any has no entry for the indicator.
     */
    public Map<String, Map<Indicator, SurveyResult>> forGroup(List<Area> areas, Period p, LocalDate today) {
        Map<String, Map<Indicator, SurveyResult>> out = new HashMap<>();
        if (areas.isEmpty())
            return out;
        // The group's subtree is the parent's (one key); only the roots have none. An overlap with the codes of
        // thousands of children would be tested area by area (20 s for a village of 10,000 grids), not in the index.
        String parent = areas.get(0).parentCode();
        String[] keys = parent != null ? new String[]{parent} : areas.stream().map(Area::code).toArray(String[]::new);
        // SQL: the subtree is found by array overlap on area.path (its GIN index), which JPQL cannot say.
        List<SurveyRow> rows = SqlRow.list(getEntityManager().createNativeQuery("SELECT " + ROW_COLUMNS
                + " FROM survey s JOIN area a ON a.code = s.area_code WHERE a.path && cast(:keys AS text[])")
                .setParameter("keys", keys), SurveyRepository::row);
        for (Area a : areas) {
            Map<Indicator, SurveyResult> results = new EnumMap<>(Indicator.class);
            for (Indicator ind : Indicator.ofKind(Indicator.Kind.SURVEY)) {
                List<SurveyRow> mine = rows.stream().filter(r -> r.indicator().equals(ind.id())
                        && Arrays.asList(r.path()).contains(a.code())).toList();
                Optional<SurveyRow> own = best(mine.stream().filter(r -> r.areaCode().equals(a.code())).toList(), p,
                        today);
                if (own.isPresent()) {
                    results.put(ind, new SurveyResult(own.get().value(), own.get().sampleSize()));
                } else {
                    Map<String, List<SurveyRow>> byArea = new HashMap<>();
                    mine.forEach(r -> byArea.computeIfAbsent(r.areaCode(), k -> new java.util.ArrayList<>()).add(r));
                    double sum = 0, n = 0;
                    for (List<SurveyRow> l : byArea.values()) {
                        Optional<SurveyRow> b = best(l, p, today);
                        if (b.isPresent()) {
                            sum += b.get().value() * b.get().sampleSize();
                            n += b.get().sampleSize();
                        }
                    }
                    if (n > 0)
                        results.put(ind, new SurveyResult(sum / n, n));
                }
            }
            out.put(a.code(), results);
        }
        return out;
    }

    private static SurveyRow row(SqlRow r) {
        return new SurveyRow(r.string("id"), r.string("area_code"), r.strings("path"), r.string("period"),
                r.string("indicator"), r.dbl("value"), r.integer("sample_size"), r.string("created_by"),
                r.instant("created_at"));
    }

    /** The most specific survey whose period overlaps p (a month's own survey beats the quarter's, then the year's). */
    static Optional<SurveyRow> best(List<SurveyRow> rows, Period p, LocalDate today) {
        return rows.stream()
                .map(r -> Map.entry(r, Period.parse(r.period(), today, 90)))
                .filter(e -> !e.getValue().end().isBefore(p.start()) && !e.getValue().start().isAfter(p.end()))
                .min(Comparator.<Map.Entry<SurveyRow, Period>>comparingLong(
                        e -> e.getValue().end().toEpochDay() - e.getValue().start().toEpochDay())
                        .thenComparing(e -> e.getValue().end(), Comparator.reverseOrder())
                        .thenComparing(e -> e.getKey().createdAt(), Comparator.reverseOrder()))
                .map(Map.Entry::getKey);
    }
}
