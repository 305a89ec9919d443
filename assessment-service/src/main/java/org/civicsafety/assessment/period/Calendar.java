package org.civicsafety.assessment.period;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.civicsafety.assessment.common.ApiException;
import org.civicsafety.assessment.common.FieldMessage;
import org.civicsafety.assessment.common.AssessmentConfig;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;

/** Event days and "today" in the business zone (Asia/Shanghai), and period parsing for requests. */
@ApplicationScoped
public class Calendar {
    @Inject AssessmentConfig config;

    public ZoneId zone() {
        return ZoneId.of(config.periods().zone());
    }

    public LocalDate today() {
        return LocalDate.now(zone());
    }

    public LocalDate day(Instant t) {
        return t.atZone(zone()).toLocalDate();
    }

    public Period running() {
        return Period.running(today(), config.periods().runningDays());
    }

    public boolean frozen(Period p) {
        return p.frozen(today(), config.periods().lateDays());
    }

    /** A request's period parameter (default running) → 400 naming the field when it is not a period. */
    public Period requestPeriod(String key, String field) {
        try {
            return Period.parse(key, today(), config.periods().runningDays());
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest(field, FieldMessage.Key.NOT_A_PERIOD);
        }
    }

    /** running plus every month, quarter and year still open to late events. */
    public java.util.List<String> openPeriodKeys() {
        java.util.LinkedHashSet<String> keys = new java.util.LinkedHashSet<>();
        keys.add(Period.RUNNING);
        for (LocalDate d : new LocalDate[]{today(), today().minusDays(config.periods().lateDays())}) {
            for (Period p : Period.containing(d))
                if (!frozen(p))
                    keys.add(p.key());
        }
        return java.util.List.copyOf(keys);
    }

    public Period parse(String key) {
        return Period.parse(key, today(), config.periods().runningDays());
    }
}
