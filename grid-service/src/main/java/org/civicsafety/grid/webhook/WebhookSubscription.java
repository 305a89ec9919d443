package org.civicsafety.grid.webhook;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import java.net.URI;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/**
 * A partner's webhook subscription (table webhook_subscription): where its events go, which ones (type prefixes),
 * and the secret they are signed with, sealed ({@code secretEnc}). After a rotation the previous secret signs too,
 * until {@code previousSecretUntil}. Inactive once disabled (24 h of failures) or deleted.
 */
@Entity
@Table(name = "webhook_subscription")
public class WebhookSubscription {
    @Id UUID id;
    String partnerId;
    String url;
    @JdbcTypeCode(SqlTypes.ARRAY) List<String> eventTypes;
    String description;
    String secretEnc;
    String previousSecretEnc;
    OffsetDateTime previousSecretUntil;
    boolean active = true;
    OffsetDateTime disabledAt;
    OffsetDateTime deletedAt;
    String createdBy;
    OffsetDateTime createdAt;

    protected WebhookSubscription() {}

    WebhookSubscription(UUID id, String partnerId, String url, List<String> eventTypes, String description,
            String secretEnc, String createdBy, OffsetDateTime now) {
        this.id = id;
        this.partnerId = partnerId;
        this.url = url;
        this.eventTypes = List.copyOf(eventTypes);
        this.description = description;
        this.secretEnc = secretEnc;
        this.createdBy = createdBy;
        this.createdAt = now;
    }

    /** Whether an event of this type is one the subscription asked for. */
    boolean wants(String eventType) {
        return eventTypes.stream().anyMatch(eventType::startsWith);
    }

    /** The receiver's host: what logs and notices show of the URL. */
    String host() {
        return URI.create(url).getHost();
    }

    /** The new secret signs from now on; the one before keeps signing until {@code overlapUntil}. */
    void rotate(String newSecretEnc, OffsetDateTime overlapUntil) {
        previousSecretEnc = secretEnc;
        previousSecretUntil = overlapUntil;
        secretEnc = newSecretEnc;
    }

    void delete(OffsetDateTime now) {
        active = false;
        deletedAt = now;
    }

    /** False when it was not active (already disabled or deleted). */
    boolean disable(OffsetDateTime now) {
        if (!active) {
            return false;
        }
        active = false;
        disabledAt = now;
        return true;
    }
}
