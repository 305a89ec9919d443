package org.civicsafety.cases.casefile;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.io.IOException;
import java.nio.file.Files;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.civicsafety.cases.common.ApiException;
import org.civicsafety.cases.common.Json;
import org.civicsafety.cases.common.ProblemType;
import org.civicsafety.cases.privacy.EncryptedTable;
import org.civicsafety.cases.privacy.PersonalDataCipher;
import org.jboss.resteasy.reactive.multipart.FileUpload;
import org.civicsafety.cases.workflow.CaseEntity;

/**
 * Attachments (table {@code case_attachment}): at most 10 MB, PDF/JPEG/PNG recognised by their magic
 * bytes, never by name; photos stored without their location metadata. Content and file name are
 * stored encrypted (a photo of an ID card is personal data, and a file name can name a person). Callers
 * check that the case is visible first, so an attachment is exactly as visible as its case.
 */
@ApplicationScoped
public class AttachmentService implements EncryptedTable<UUID> {

    static final long MAX_BYTES = 10L * 1024 * 1024;
    /** Files are up to 10 MB: a re-encryption transaction rewrites at most this many. */
    private static final int MAX_REENCRYPTION_BATCH = 20;

    /** A stored file as it is downloaded. */
    public record StoredFile(UUID id, String filename, String mediaType, byte[] content) { }

    record Listed(UUID id, byte[] filenameEnc, String mediaType, long size, Instant createdAt) { }

    record Content(byte[] filenameEnc, String mediaType, byte[] content) { }

    @Inject EntityManager em;
    @Inject CaseJournal journal;
    @Inject PersonalDataCipher cipher;

    public byte[] read(FileUpload file) throws IOException {
        if (file.size() > MAX_BYTES) {
            throw new ApiException(ProblemType.PAYLOAD_TOO_LARGE, "attachments are limited to 10 MB", null);
        }
        return Files.readAllBytes(file.uploadedFile());
    }

    /** The media type the content really is, or null. */
    static String sniff(byte[] b) {
        if (startsWith(b, new byte[] {'%', 'P', 'D', 'F', '-'})) {
            return "application/pdf";
        }
        if (startsWith(b, new byte[] {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF})) {
            return "image/jpeg";
        }
        if (startsWith(b, new byte[] {(byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A})) {
            return "image/png";
        }
        return null;
    }

    private static boolean startsWith(byte[] b, byte[] prefix) {
        return b.length >= prefix.length && Arrays.equals(b, 0, prefix.length, prefix, 0, prefix.length);
    }

    /** Stores a file on the case {@code c}, which the caller has locked after checking it is visible. */
    @Transactional(Transactional.TxType.MANDATORY)
    public CaseApi.Attachment store(CaseEntity c, String filename, byte[] upload, Access.Who who) {
        String type = sniff(upload);
        if (type == null) {
            throw unsupported("only PDF, JPEG and PNG files are accepted");
        }
        byte[] content;
        try {
            content = PhotoMetadata.strip(upload, type);
        } catch (PhotoMetadata.UnreadableImage e) {
            throw unsupported(e.getMessage() + ", so its location data cannot be removed");
        }
        String name = filename == null || filename.isBlank() ? "attachment" : filename.strip();
        if (name.length() > 200) {
            name = name.substring(0, 200);
        }
        UUID id = UUID.randomUUID();
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        em.createNativeQuery("""
                INSERT INTO case_attachment (id, case_id, filename_enc, media_type, size, content, created_by, created_at)
                VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)""")
                .setParameter(1, id).setParameter(2, c.id).setParameter(3, cipher.encryptText(name)).setParameter(4, type)
                .setParameter(5, (long) content.length).setParameter(6, cipher.encrypt(content)).setParameter(7, who.sub())
                .setParameter(8, now).executeUpdate();
        String role = who.roles().stream().findFirst().map(r -> r.claim()).orElse("unknown");
        // The attachment id, not its file name: history is plain text and a file name can name a person.
        journal.history(c, who.sub(), role, "ATTACH", c.state, "attachment " + id + " (" + type + ", " + content.length + " bytes)");
        return new CaseApi.Attachment(id, name, type, content.length, Json.time(now), url(c.id, id));
    }

    private static ApiException unsupported(String detail) {
        return new ApiException(ProblemType.UNSUPPORTED_MEDIA_TYPE, detail, null);
    }

    /**
     * The case's attachments, newest first. Who uploaded them is left out: for a misconduct report it
     * would name the confidential reporter (Art. 30).
     */
    @SuppressWarnings("unchecked")
    public List<CaseApi.Attachment> list(UUID caseId) {
        List<Listed> rows = em.createNativeQuery("""
                SELECT id, filename_enc, media_type, size, created_at FROM case_attachment WHERE case_id = ?1
                ORDER BY created_at DESC, id DESC""", Listed.class)
                .setParameter(1, caseId).getResultList();
        return rows.stream().map(r -> new CaseApi.Attachment(r.id(), cipher.decryptText(r.filenameEnc()), r.mediaType(),
                r.size(), Json.time(r.createdAt()), url(caseId, r.id()))).toList();
    }

    /** One file of the case; an attachment of another case is as unknown as a missing one. */
    @SuppressWarnings("unchecked")
    public StoredFile file(UUID caseId, UUID attachmentId) {
        List<Content> rows = em.createNativeQuery("""
                SELECT filename_enc, media_type, content FROM case_attachment WHERE id = ?1 AND case_id = ?2""", Content.class)
                .setParameter(1, attachmentId).setParameter(2, caseId).getResultList();
        if (rows.isEmpty()) {
            throw ApiException.notFound("no such attachment");
        }
        Content r = rows.get(0);
        return new StoredFile(attachmentId, cipher.decryptText(r.filenameEnc()), r.mediaType(), cipher.decrypt(r.content()));
    }

    @Override
    public String name() {
        return "case_attachment";
    }

    @Override
    public UUID start() {
        return new UUID(0, 0);
    }

    /** Locks the ids first and then reads one file at a time, so a batch never holds more than one file in memory. */
    @Override
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    @SuppressWarnings("unchecked")
    public Batch<UUID> reencrypt(UUID after, int limit) {
        List<UUID> ids = em.createNativeQuery("""
                SELECT id FROM case_attachment WHERE id > ?1 AND (%s OR %s)
                ORDER BY id LIMIT ?3 FOR UPDATE SKIP LOCKED""".formatted(
                        EncryptedTable.onOldKey("content", 2), EncryptedTable.onOldKey("filename_enc", 2)))
                .setParameter(1, after).setParameter(2, cipher.currentHeader())
                .setParameter(3, Math.min(limit, MAX_REENCRYPTION_BATCH)).getResultList();
        int moved = 0;
        for (UUID id : ids) {
            Content r = (Content) em.createNativeQuery(
                            "SELECT filename_enc, media_type, content FROM case_attachment WHERE id = ?1", Content.class)
                    .setParameter(1, id).getSingleResult();
            try {
                em.createNativeQuery("UPDATE case_attachment SET filename_enc = ?2, content = ?3 WHERE id = ?1")
                        .setParameter(1, id).setParameter(2, cipher.reencrypt(r.filenameEnc()))
                        .setParameter(3, cipher.reencrypt(r.content())).executeUpdate();
                moved++;
            } catch (PersonalDataCipher.UnreadableException e) {
                // Counted by the job; the row stays as it is.
            }
        }
        return new Batch<>(ids.isEmpty() ? null : ids.get(ids.size() - 1),
                ids.size() == Math.min(limit, MAX_REENCRYPTION_BATCH), moved, ids.size() - moved);
    }

    @Override
    @Transactional
    public long rowsOnOldKeys() {
        return ((Number) em.createNativeQuery("SELECT count(*) FROM case_attachment WHERE %s OR %s".formatted(
                        EncryptedTable.onOldKey("content", 1), EncryptedTable.onOldKey("filename_enc", 1)))
                .setParameter(1, cipher.currentHeader()).getSingleResult()).longValue();
    }

    static String url(UUID caseId, UUID attachmentId) {
        return "/api/v1/cases/" + caseId + "/attachments/" + attachmentId;
    }
}
