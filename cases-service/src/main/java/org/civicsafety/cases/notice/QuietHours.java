package org.civicsafety.cases.notice;

import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Optional;

/** No non-urgent SMS between 22:00 and 08:00 Asia/Shanghai (notices.md "Channels"): they wait for 08:00. */
public final class QuietHours {

    static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");
    static final LocalTime START = LocalTime.of(22, 0);
    static final LocalTime END = LocalTime.of(8, 0);

    private QuietHours() {}

    /** The 08:00 a message written at {@code now} waits for, or empty outside quiet hours. */
    public static Optional<Instant> deferUntil(Instant now) {
        ZonedDateTime local = now.atZone(ZONE);
        LocalTime t = local.toLocalTime();
        if (!t.isBefore(START)) {
            return Optional.of(local.toLocalDate().plusDays(1).atTime(END).atZone(ZONE).toInstant());
        }
        if (t.isBefore(END)) {
            return Optional.of(local.toLocalDate().atTime(END).atZone(ZONE).toInstant());
        }
        return Optional.empty();
    }
}
