package org.civicsafety.cases.common;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;

/** Timestamps on the wire: ISO 8601 in Shanghai time with an explicit offset. */
public final class Json {

    /** The service's local time: wire timestamps and the statutory calendar both count in it. */
    public static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");
    /** Shanghai has no daylight saving time, so times can carry a fixed offset. */
    public static final ZoneOffset OFFSET = ZoneOffset.ofHours(8);

    private Json() {}

    public static String time(OffsetDateTime t) {
        return t == null ? null
                : t.withOffsetSameInstant(OFFSET).truncatedTo(ChronoUnit.SECONDS)
                        .format(DateTimeFormatter.ISO_OFFSET_DATE_TIME);
    }

    /** A timestamp as native queries read {@code timestamptz}. */
    public static String time(Instant t) {
        return t == null ? null : time(t.atOffset(ZoneOffset.UTC));
    }
}
