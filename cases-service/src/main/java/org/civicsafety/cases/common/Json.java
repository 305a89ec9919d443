package org.civicsafety.cases.common;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import org.civicsafety.cases.calendar.DeadlineCalendar;

/** Timestamps on the wire: ISO 8601 in Shanghai time with an explicit offset. */
public final class Json {

    private Json() { }

    public static String time(OffsetDateTime t) {
        return t == null ? null
                : t.withOffsetSameInstant(DeadlineCalendar.OFFSET).truncatedTo(ChronoUnit.SECONDS)
                        .format(DateTimeFormatter.ISO_OFFSET_DATE_TIME);
    }

    public static OffsetDateTime utc(OffsetDateTime t) {
        return t == null ? null : t.withOffsetSameInstant(ZoneOffset.UTC);
    }
}
