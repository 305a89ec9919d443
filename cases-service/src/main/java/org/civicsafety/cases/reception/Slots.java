package org.civicsafety.cases.reception;

import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.util.Set;
import org.civicsafety.cases.common.Json;

/**
 * The time slots of a reception day: its span from start to end divided into {@code slots} equal parts (to the
 * second), slot 1 first. A booking takes the first free slot, so cancellations are filled again from the front.
 */
public final class Slots {

    /** Slot {@code n}'s start and end, Asia/Shanghai. */
    public record Span(OffsetDateTime start, OffsetDateTime end) {}

    private Slots() {}

    public static Span span(LocalDate day, LocalTime start, LocalTime end, int slots, int n) {
        if (n < 1 || n > slots) {
            throw new IllegalArgumentException("slot " + n + " of " + slots);
        }
        long seconds = Duration.between(start, end).toSeconds();
        LocalTime from = start.plusSeconds(seconds * (n - 1) / slots);
        LocalTime to = n == slots ? end : start.plusSeconds(seconds * n / slots);
        return new Span(day.atTime(from).atOffset(Json.OFFSET), day.atTime(to).atOffset(Json.OFFSET));
    }

    /** The lowest slot not in {@code taken}; 0 when all {@code slots} are taken. */
    public static int firstFree(int slots, Set<Integer> taken) {
        for (int n = 1; n <= slots; n++) {
            if (!taken.contains(n)) {
                return n;
            }
        }
        return 0;
    }
}
