package org.civicsafety.assessment.survey;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.civicsafety.assessment.area.Area;
import org.civicsafety.assessment.common.Db;
import org.civicsafety.assessment.indicator.Indicator;
import org.civicsafety.assessment.period.Period;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Survey results (the SURVEY indicators, I9 and I10) and how they apply to a period and up the hierarchy. */
@ApplicationScoped
public class SurveyRepository {
    @Inject
    Db db;

    public record SurveyRow(String id, String areaCode, String[] path, String period, String indicator, double value,
                            int sampleSize, String createdBy, Instant createdAt) {}

    public SurveyRow upsert(String id, String area, String[] path, String period, String indicator, double value, int sample,
                            String by) {
        return db.one("""
                INSERT INTO survey (id, area_code, period, indicator, value, sample_size, created_by)
                VALUES (?::uuid, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (area_code, period, indicator) DO UPDATE SET value = excluded.value,
                    sample_size = excluded.sample_size, created_by = excluded.created_by, created_at = now()
                RETURNING id::text, area_code, period, indicator, value, sample_size, created_by, created_at
                """, rs -> new SurveyRow(rs.getString(1), rs.getString(2), path, rs.getString(3), rs.getString(4),
                rs.getDouble(5), rs.getInt(6), rs.getString(7), Db.instant(rs, "created_at")),
                id, area, period, indicator, value, sample, by);
    }

    /**
     * The survey indicators per area of a group: the area's own survey for the period, else the sample-weighted
     * pool of its subtree. An area without any has no entry for the indicator.
     */
    public Map<String, Map<Indicator, SurveyResult>> forGroup(List<Area> areas, Period p, LocalDate today) {
        Map<String, Map<Indicator, SurveyResult>> out = new HashMap<>();
        if (areas.isEmpty()) return out;
        String[] codes = areas.stream().map(Area::code).toArray(String[]::new);
        List<SurveyRow> rows = db.query("""
                SELECT s.id::text, s.area_code, a.path, s.period, s.indicator, s.value, s.sample_size, s.created_by, s.created_at
                FROM survey s JOIN area a ON a.code = s.area_code WHERE a.path && ?::text[]
                """, rs -> new SurveyRow(rs.getString(1), rs.getString(2), Db.strings(rs, "path"), rs.getString(4),
                rs.getString(5), rs.getDouble(6), rs.getInt(7), rs.getString(8), Db.instant(rs, "created_at")), (Object) codes);
        for (Area a : areas) {
            Map<Indicator, SurveyResult> results = new EnumMap<>(Indicator.class);
            for (Indicator ind : Indicator.ofKind(Indicator.Kind.SURVEY)) {
                List<SurveyRow> mine = rows.stream().filter(r -> r.indicator().equals(ind.id())
                        && Arrays.asList(r.path()).contains(a.code())).toList();
                Optional<SurveyRow> own = best(mine.stream().filter(r -> r.areaCode().equals(a.code())).toList(), p, today);
                if (own.isPresent()) {
                    results.put(ind, new SurveyResult(own.get().value(), own.get().sampleSize()));
                } else {
                    Map<String, List<SurveyRow>> byArea = new HashMap<>();
                    mine.forEach(r -> byArea.computeIfAbsent(r.areaCode(), k -> new java.util.ArrayList<>()).add(r));
                    double sum = 0, n = 0;
                    for (List<SurveyRow> l : byArea.values()) {
                        Optional<SurveyRow> b = best(l, p, today);
                        if (b.isPresent()) { sum += b.get().value() * b.get().sampleSize(); n += b.get().sampleSize(); }
                    }
                    if (n > 0) results.put(ind, new SurveyResult(sum / n, n));
                }
            }
            out.put(a.code(), results);
        }
        return out;
    }

    /** The most specific survey whose period overlaps p (a month's own survey beats the quarter's, then the year's). */
    static Optional<SurveyRow> best(List<SurveyRow> rows, Period p, LocalDate today) {
        return rows.stream()
                .map(r -> Map.entry(r, Period.parse(r.period(), today, 90)))
                .filter(e -> !e.getValue().end().isBefore(p.start()) && !e.getValue().start().isAfter(p.end()))
                .min(Comparator.<Map.Entry<SurveyRow, Period>>comparingLong(e -> e.getValue().end().toEpochDay() - e.getValue().start().toEpochDay())
                        .thenComparing(e -> e.getValue().end(), Comparator.reverseOrder())
                        .thenComparing(e -> e.getKey().createdAt(), Comparator.reverseOrder()))
                .map(Map.Entry::getKey);
    }
}
