package org.civicsafety.grid.notice;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import org.civicsafety.grid.common.ApiException;
import org.civicsafety.grid.common.Cursors;
import org.civicsafety.grid.common.FieldError;
import org.civicsafety.grid.common.Page;
import org.civicsafety.grid.privacy.PersonalDataCipher;

import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Deliveries of events to partners' webhook receivers: delivered by {@link NoticeRelay} like notices (the same
 * lease, backoff, attempts and metrics) but without a notice; each names its subscription and carries the CloudEvent
 * it sends. The webhook package decides what goes where; this keeps the rows.
 */
@ApplicationScoped
public class EventDeliveries {
    private static final String CURSOR_PREFIX = "w:";

    @Inject NoticeRepository repo;
    @Inject PersonalDataCipher cipher;
    @Inject Commits commits;
    @Inject NoticeMetrics metrics;
    @Inject NoticeRelay relay;

    /** Queues one delivery in the caller's transaction; sent once it commits. Returns its id. */
    @Transactional(Transactional.TxType.MANDATORY)
    public UUID enqueue(UUID subscription, String url, String host, UUID eventId, String eventType, String payload) {
        UUID id = UUID.randomUUID();
        repo.insertEventDelivery(id, subscription, cipher.encrypt(url), host, eventId, eventType, payload);
        commits.then(() -> {
            metrics.created(Channel.WEBHOOK);
            relay.wake();
        });
        return id;
    }

    /** Queues the same event again (same id and body) as a new delivery; empty if it is not the subscription's. */
    @Transactional(Transactional.TxType.MANDATORY)
    public Optional<UUID> redeliver(UUID subscription, UUID delivery, String url, String host) {
        return repo.eventDelivery(subscription, delivery).map(d -> enqueue(subscription, url, host, d.eventId(),
                d.eventType(), d.payload()));
    }

    /** Deliveries not sent yet are dropped (SUPPRESSED): the subscription was deleted or disabled. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void suppressPending(UUID subscription, String reason) {
        repo.suppressPending(subscription, reason);
    }

    public Optional<EventDeliveryView> find(UUID subscription, UUID delivery) {
        return repo.eventDelivery(subscription, delivery).map(d -> EventDeliveryView.of(d,
                repo.attemptsOf(List.of(d.delivery().id()))));
    }

    /** A page of the subscription's deliveries, newest first, each with its attempts. */
    public Page<EventDeliveryView> list(UUID subscription, String cursor, int limit) {
        OffsetDateTime beforeAt = null;
        UUID beforeId = null;
        if (cursor != null && !cursor.isBlank()) {
            String raw = Cursors.decode(cursor, CURSOR_PREFIX);
            int bar = raw.indexOf('|');
            try {
                beforeAt = OffsetDateTime.parse(raw.substring(0, bar));
                beforeId = UUID.fromString(raw.substring(bar + 1));
            } catch (DateTimeParseException | IllegalArgumentException | StringIndexOutOfBoundsException e) {
                throw ApiException.badRequest(FieldError.of("cursor", "not-a-cursor"));
            }
        }
        List<NoticeRepository.EventDeliveryRow> rows = repo.eventDeliveries(subscription, beforeAt, beforeId,
                limit + 1);
        List<NoticeRepository.EventDeliveryRow> page = rows.stream().limit(limit).toList();
        String next = null;
        if (rows.size() > limit) {
            NoticeRepository.DeliveryRow last = page.get(limit - 1).delivery();
            next = Cursors.encode(CURSOR_PREFIX + last.createdAt() + "|" + last.id());
        }
        Map<UUID, List<NoticeRepository.AttemptRow>> attempts = page.isEmpty() ? Map.of()
                : repo.attemptsOf(page.stream().map(d -> d.delivery().id()).toList()).stream()
                        .collect(Collectors.groupingBy(NoticeRepository.AttemptRow::deliveryId));
        return new Page<>(page.stream().map(d -> EventDeliveryView.of(d, attempts.getOrDefault(d.delivery().id(),
                List.of()))).toList(), next);
    }
}
