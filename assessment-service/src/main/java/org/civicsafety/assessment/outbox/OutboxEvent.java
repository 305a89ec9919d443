package org.civicsafety.assessment.outbox;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.hibernate.annotations.Immutable;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * An event written with the change that caused it; {@link OutboxRelay} publishes it in id order. Immutable as an
 * entity (the relay marks rows published with SQL), so the events a snapshot writes are not dirty-checked again
 * at every later flush of its transaction.
 */
@Entity
@Immutable
@Table(name = "outbox_event")
public class OutboxEvent {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY) Long id;
    UUID ceId;
    String topic;
    @Column(name = "msg_key") String key;
    @Column(name = "ce_type") String type;
    String subject;
    /** The event data, JSON. */
    @JdbcTypeCode(SqlTypes.JSON) String data;
    String requestId;
    String traceparent;
    OffsetDateTime createdAt;
    OffsetDateTime publishedAt;

    protected OutboxEvent() {}

    OutboxEvent(String topic, String key, String type, String data, String requestId, String traceparent) {
        this.ceId = UUID.randomUUID();
        this.topic = topic;
        this.key = key;
        this.type = type;
        this.subject = key;
        this.data = data;
        this.requestId = requestId;
        this.traceparent = traceparent;
        this.createdAt = OffsetDateTime.now();
    }
}
