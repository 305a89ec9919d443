package org.civicsafety.grid.webhook;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import org.civicsafety.grid.common.ApiException;
import org.civicsafety.grid.common.Cursors;
import org.civicsafety.grid.common.FieldError;
import org.civicsafety.grid.common.Page;
import org.civicsafety.grid.config.GridConfig;
import org.civicsafety.grid.notice.CloudEvents;
import org.civicsafety.grid.notice.EventDeliveries;
import org.civicsafety.grid.notice.EventDeliveryView;
import org.civicsafety.grid.notice.NoticeRequest;
import org.civicsafety.grid.notice.NoticeType;
import org.civicsafety.grid.notice.Notices;
import org.civicsafety.grid.notice.RecipientType;
import org.civicsafety.grid.outbox.Outbox;
import org.civicsafety.grid.privacy.PersonalDataCipher;
import org.civicsafety.grid.security.Caller;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Partners' webhook subscriptions (notices.md): made, listed, rotated, tested and deleted by their partner (or an
 * admin for it); every event of an incident a partner posted goes to its subscriptions that want its type, as a
 * CloudEvent queued in the transaction of the event itself. A partner never receives another partner's events.
 */
@ApplicationScoped
public class WebhookService {
    /** How long the previous secret keeps signing after a rotation. */
    static final Duration ROTATION_OVERLAP = Duration.ofHours(24);
    /** The type of the test ping ({@code POST /api/v1/webhooks/{id}/test}). */
    static final String PING = "org.civicsafety.webhook.ping.v1";
    private static final String CURSOR_PREFIX = "s:";

    @Inject WebhookSubscriptionRepository repo;
    @Inject PersonalDataCipher cipher;
    @Inject EventDeliveries deliveries;
    @Inject Notices notices;
    @Inject GridConfig config;
    @Inject ObjectMapper json;

    /** Where a subscription's deliveries go and what signs them: the secret, and the previous one while it overlaps. */
    record Target(String url, boolean active, List<String> secrets) {}

    @Transactional
    public WebhookView create(WebhookRequest body, Caller caller) {
        String partner;
        if (caller.is("admin")) {
            partner = body.partnerId();
            if (partner == null || partner.isBlank()) {
                throw ApiException.badRequest(FieldError.of("partnerId", "webhook.partner-required"));
            }
        } else {
            partner = caller.partner();
            if (partner == null) {
                throw ApiException.forbidden("Only a partner system subscribes to webhooks for itself");
            }
            if (body.partnerId() != null && !body.partnerId().equals(partner)) {
                throw ApiException.forbidden("A partner subscribes for itself only");
            }
        }
        checkTarget(body.url());
        String secret = WebhookSecrets.generate();
        WebhookSubscription s = new WebhookSubscription(UUID.randomUUID(), partner, body.url(), body.eventTypes(),
                body.description(), cipher.encrypt(secret), caller.subject(), now());
        repo.persist(s);
        return WebhookView.of(s, secret);
    }

    public Page<WebhookView> list(Caller caller, String cursor, int limit) {
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
        List<WebhookSubscription> rows = repo.page(owner(caller), beforeAt, beforeId, limit + 1);
        String next = null;
        if (rows.size() > limit) {
            WebhookSubscription last = rows.get(limit - 1);
            next = Cursors.encode(CURSOR_PREFIX + last.createdAt + "|" + last.id);
        }
        return new Page<>(rows.stream().limit(limit).map(s -> WebhookView.of(s, null)).toList(), next);
    }

    public WebhookView get(UUID id, Caller caller) {
        return WebhookView.of(find(id, caller), null);
    }

    /** Deletes it; what was not delivered yet is dropped. */
    @Transactional
    public void delete(UUID id, Caller caller) {
        find(id, caller).delete(now());
        deliveries.suppressPending(id, "subscription deleted");
    }

    /** A new secret, answered once; the previous one keeps signing for 24 h so receivers can switch over. */
    @Transactional
    public WebhookView rotate(UUID id, Caller caller) {
        WebhookSubscription s = find(id, caller);
        String secret = WebhookSecrets.generate();
        s.rotate(cipher.encrypt(secret), now().plus(ROTATION_OVERLAP));
        return WebhookView.of(s, secret);
    }

    /** Queues a ping to the receiver, signed and retried like any event. */
    @Transactional
    public EventDeliveryView ping(UUID id, Caller caller) {
        WebhookSubscription s = active(id, caller);
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("subscriptionId", s.id.toString());
        data.put("occurredAt", now().toString());
        UUID event = UUID.randomUUID();
        UUID delivery = deliveries.enqueue(s.id, s.url, s.host(), event, PING, cloudEvent(event, PING, s.id.toString(),
                data));
        return deliveries.find(s.id, delivery).orElseThrow();
    }

    public Page<EventDeliveryView> deliveries(UUID id, Caller caller, String cursor, int limit) {
        return deliveries.list(find(id, caller).id, cursor, limit);
    }

    /** Queues the delivered (or failed) event again: same event id and body, a new delivery. */
    @Transactional
    public EventDeliveryView redeliver(UUID id, UUID delivery, Caller caller) {
        WebhookSubscription s = active(id, caller);
        UUID again = deliveries.redeliver(s.id, delivery, s.url, s.host())
                .orElseThrow(() -> ApiException.notFound("Unknown delivery " + delivery));
        return deliveries.find(s.id, again).orElseThrow();
    }

    /**
     * Queues the events of an incident {@code partner} posted for its subscriptions that want them, in the caller's
     * transaction (that of the events' outbox rows). Incidents without a partner go nowhere.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void enqueue(String partner, List<Outbox.Event> events) {
        if (partner == null || events.isEmpty()) {
            return;
        }
        List<WebhookSubscription> subscriptions = repo.active(partner);
        for (Outbox.Event e : events) {
            for (WebhookSubscription s : subscriptions) {
                if (s.wants(e.type())) {
                    deliveries.enqueue(s.id, s.url, s.host(), e.id(), e.type(), cloudEvent(e.id(), e.type(), e.key(),
                            e.data()));
                }
            }
        }
    }

    /** The delivery target of a subscription now; null once it is deleted. */
    @Transactional
    Target target(UUID id) {
        return repo.findByIdOptional(id).filter(s -> s.deletedAt == null).map(s -> {
            List<String> secrets = new ArrayList<>(List.of(cipher.decrypt(s.secretEnc)));
            if (s.previousSecretEnc != null && s.previousSecretUntil.isAfter(now())) {
                secrets.add(cipher.decrypt(s.previousSecretEnc));
            }
            return new Target(s.url, s.active, secrets);
        }).orElse(null);
    }

    /** Deliveries failed for 24 h: the subscription is disabled and its partner told, once. */
    @Transactional(Transactional.TxType.MANDATORY)
    void disable(UUID id) {
        WebhookSubscription s = repo.findById(id);
        if (s != null && s.disable(now())) {
            deliveries.suppressPending(id, "subscription disabled");
            notices.notify(NoticeRequest.of(RecipientType.PARTNER, s.partnerId, NoticeType.WEBHOOK_DISABLED,
                    "webhook", s.id, s.host(), List.of(), List.of()));
        }
    }

    /** Why the URL may not receive deliveries, if it may not. */
    String refusal(String url) {
        return WebhookTargets.refusal(url, Set.copyOf(config.webhooks().allowedHosts().orElse(List.of())),
                WebhookTargets.DNS).orElse(null);
    }

    private void checkTarget(String url) {
        String refusal = refusal(url);
        if (refusal != null) {
            throw ApiException.badRequest(FieldError.of("url", "webhook.url-refused", refusal));
        }
    }

    /** A CloudEvents 1.0 structured-mode body: the event's id, source, type, time, subject and data. */
    private String cloudEvent(UUID id, String type, String subject, Map<String, Object> data) {
        return CloudEvents.structured(json, id, config.kafka().source(), type, now(), subject, data);
    }

    /** Whose subscriptions the caller manages: their partner's, or every one for an admin (null). */
    private static String owner(Caller caller) {
        return caller.is("admin") ? null : caller.partner() == null ? "" : caller.partner();
    }

    private WebhookSubscription find(UUID id, Caller caller) {
        return repo.find(id, owner(caller)).orElseThrow(() -> ApiException.notFound("Unknown webhook " + id));
    }

    private WebhookSubscription active(UUID id, Caller caller) {
        WebhookSubscription s = find(id, caller);
        if (!s.active) {
            throw ApiException.conflict("The subscription is disabled; subscribe again", Map.of("active", false));
        }
        return s;
    }

    private static OffsetDateTime now() {
        return OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.MICROS);
    }
}
