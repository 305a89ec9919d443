package org.civicsafety.cases.calendar;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.civicsafety.cases.common.SqlRow;

/**
 * The holiday table, cached briefly so every instance sees an admin's edit within a minute. SQL: the table is read
 * whole and replaced a year at a time.
 */
@ApplicationScoped
public class CalendarService {

    public record Day(LocalDate date, DeadlineCalendar.DayKind kind, String name) {}

    private static final long TTL_MS = 60_000;

    @Inject EntityManager em;

    private volatile DeadlineCalendar cached;
    private volatile long loadedAt;

    public StatutoryDeadlines deadlines() {
        return new StatutoryDeadlines(calendar());
    }

    public DeadlineCalendar calendar() {
        DeadlineCalendar c = cached;
        if (c == null || System.currentTimeMillis() - loadedAt > TTL_MS) {
            Map<LocalDate, DeadlineCalendar.DayKind> map = new HashMap<>();
            for (Day d : list()) {
                map.put(d.date(), d.kind());
            }
            c = new DeadlineCalendar(map);
            cached = c;
            loadedAt = System.currentTimeMillis();
        }
        return c;
    }

    public List<Day> list() {
        return SqlRow.list(em.createNativeQuery("SELECT day, kind, name FROM calendar_day ORDER BY day"),
                r -> new Day(r.localDate("day"), DeadlineCalendar.DayKind.valueOf(r.string("kind")), r.string("name")));
    }

    /** Replaces the days of the years present in {@code days} (other years are kept). */
    @Transactional
    public void replaceYears(List<Day> days) {
        days.stream().map(d -> d.date().getYear()).distinct()
                .forEach(year -> em.createNativeQuery("DELETE FROM calendar_day WHERE extract(year FROM day) = ?1")
                        .setParameter(1, year).executeUpdate());
        for (Day d : days) {
            em.createNativeQuery("INSERT INTO calendar_day (day, kind, name) VALUES (?1, ?2, ?3)")
                    .setParameter(1, d.date()).setParameter(2, d.kind().name()).setParameter(3, d.name())
                    .executeUpdate();
        }
        cached = null;
    }
}
