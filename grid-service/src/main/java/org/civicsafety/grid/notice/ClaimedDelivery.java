package org.civicsafety.grid.notice;

import java.time.Instant;
import java.util.UUID;

/**
 * A delivery the relay claimed, with what sending it needs: the address opened from its sealed column, and the
 * notice's title and body — or, for a partner's event delivery (no notice), its subscription and the CloudEvent it
 * sends ({@code payload}, whose id is {@code eventId}).
 *
 * @param firstAttemptAt null before the first attempt
 */
public record ClaimedDelivery(UUID id, UUID noticeId, Channel channel, String address, int attempts,
        Instant firstAttemptAt, String title, String body, boolean urgent, UUID subscriptionId, UUID eventId,
        String payload) {}
