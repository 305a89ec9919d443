package org.civicsafety.cases.notice;

import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Optional;

/**
 * Quiet hours for SMS (notices.md): 22:00 to 08:00 Asia/Shanghai, when a non-urgent text waits for 08:00. Off where
 * the service's configuration says so (its notices' {@code quiet-hours.enabled}: tests, so that a night-time run still
 * sends, and the local platform, whose SMS provider is a capture).
 */
public record QuietHours(boolean enabled) {
    static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    static final LocalTime START = LocalTime.of(22, 0);
    static final LocalTime END = LocalTime.of(8, 0);

    /** The 08:00 a text due at {@code at} has to wait for, or empty when it may go at once. */
    public Optional<Instant> deferral(Instant at, boolean urgent) {
        if (!enabled || urgent) {
            return Optional.empty();
        }
        ZonedDateTime local = at.atZone(SHANGHAI);
        LocalTime time = local.toLocalTime();
        if (!time.isBefore(START)) {
            return Optional.of(local.toLocalDate().plusDays(1).atTime(END).atZone(SHANGHAI).toInstant());
        }
        if (time.isBefore(END)) {
            return Optional.of(local.toLocalDate().atTime(END).atZone(SHANGHAI).toInstant());
        }
        return Optional.empty();
    }

    /** {@code at}, or the end of the quiet hours it falls in. */
    public Instant sendAt(Instant at, boolean urgent) {
        return deferral(at, urgent).orElse(at);
    }
}
