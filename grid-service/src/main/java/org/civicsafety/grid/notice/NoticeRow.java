package org.civicsafety.grid.notice;

import java.time.OffsetDateTime;
import java.util.UUID;

/** A stored notice as the inbox, the stream and the delivery log read it. */
record NoticeRow(UUID id, long seq, RecipientType recipientType, String recipient, NoticeType type, String title,
        String body, String subjectType, UUID subjectId, String subjectNumber, boolean urgent, OffsetDateTime createdAt,
        OffsetDateTime readAt) {}
