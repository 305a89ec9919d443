package org.civicsafety.cases.casefile;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.civicsafety.cases.common.SqlRow;
import org.civicsafety.cases.privacy.EncryptedTable;

/**
 * The {@code case_attachment} table. SQL throughout: its rows are encrypted blobs of up to 10 MB that are listed
 * without their content and read one at a time, which an entity would load whole.
 */
@ApplicationScoped
public class AttachmentRepository {

    record Listed(UUID id, byte[] filenameEnc, String mediaType, long size, Instant createdAt) {}

    record Content(byte[] filenameEnc, String mediaType, byte[] content) {}

    @Inject EntityManager em;

    void insert(UUID id, UUID caseId, byte[] filenameEnc, String mediaType, long size, byte[] contentEnc,
            String createdBy, OffsetDateTime at) {
        em.createNativeQuery("""
                INSERT INTO case_attachment (id, case_id, filename_enc, media_type, size, content, created_by, created_at)
                VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)""")
                .setParameter(1, id).setParameter(2, caseId).setParameter(3, filenameEnc).setParameter(4, mediaType)
                .setParameter(5, size).setParameter(6, contentEnc).setParameter(7, createdBy).setParameter(8, at)
                .executeUpdate();
    }

    /** The case's attachments without their content, newest first. */
    List<Listed> list(UUID caseId) {
        return SqlRow.list(em.createNativeQuery("""
                SELECT id, filename_enc, media_type, size, created_at FROM case_attachment WHERE case_id = ?1
                ORDER BY created_at DESC, id DESC""").setParameter(1, caseId),
                r -> new Listed(r.uuid("id"), r.bytes("filename_enc"), r.string("media_type"), r.lng("size"),
                        r.instant("created_at")));
    }

    /** One file, only if it belongs to the case. */
    Optional<Content> content(UUID caseId, UUID id) {
        return Optional.ofNullable(SqlRow.first(em.createNativeQuery("""
                SELECT filename_enc, media_type, content FROM case_attachment WHERE id = ?1 AND case_id = ?2""")
                .setParameter(1, id).setParameter(2, caseId), AttachmentRepository::content));
    }

    /** One file the caller knows exists (the re-encryption job holds its row locked). */
    Content content(UUID id) {
        return SqlRow.first(em.createNativeQuery(
                "SELECT filename_enc, media_type, content FROM case_attachment WHERE id = ?1")
                .setParameter(1, id), AttachmentRepository::content);
    }

    private static Content content(SqlRow r) {
        return new Content(r.bytes("filename_enc"), r.string("media_type"), r.bytes("content"));
    }

    /** The re-encryption job's keyset walk: ids only, locked, so a batch never holds more than one file. */
    @SuppressWarnings("unchecked")
    List<UUID> idsOnOldKeys(UUID after, byte[] currentHeader, int limit) {
        return em.createNativeQuery("""
                SELECT id FROM case_attachment WHERE id > ?1 AND (%s OR %s)
                ORDER BY id LIMIT ?3 FOR UPDATE SKIP LOCKED""".formatted(
                EncryptedTable.onOldKey("content", 2), EncryptedTable.onOldKey("filename_enc", 2)))
                .setParameter(1, after).setParameter(2, currentHeader).setParameter(3, limit).getResultList();
    }

    void rewrite(UUID id, byte[] filenameEnc, byte[] contentEnc) {
        em.createNativeQuery("UPDATE case_attachment SET filename_enc = ?2, content = ?3 WHERE id = ?1")
                .setParameter(1, id).setParameter(2, filenameEnc).setParameter(3, contentEnc).executeUpdate();
    }

    long countOnOldKeys(byte[] currentHeader) {
        return ((Number) em.createNativeQuery("SELECT count(*) FROM case_attachment WHERE %s OR %s".formatted(
                EncryptedTable.onOldKey("content", 1), EncryptedTable.onOldKey("filename_enc", 1)))
                .setParameter(1, currentHeader).getSingleResult()).longValue();
    }
}
