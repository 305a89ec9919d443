package org.civicsafety.grid.notice;

import java.time.Instant;
import java.util.UUID;

/**
 * A delivery the relay claimed, with what sending it needs: the address opened from its sealed column, and the
 * notice's title and body.
 *
 * @param firstAttemptAt null before the first attempt
 */
public record ClaimedDelivery(UUID id, UUID noticeId, Channel channel, String address, int attempts,
        Instant firstAttemptAt, String title, String body, boolean urgent) {}
