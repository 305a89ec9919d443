package org.civicsafety.cases.casefile;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.io.IOException;
import java.nio.file.Files;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.civicsafety.cases.common.ApiException;
import org.civicsafety.cases.common.Json;
import org.jboss.resteasy.reactive.multipart.FileUpload;

/**
 * Attachments (table {@code case_attachment}): at most 10 MB, PDF/JPEG/PNG recognised by their magic
 * bytes, never by name; photos stored without their location metadata. Callers check that the case is
 * visible first, so an attachment is exactly as visible as its case.
 */
@ApplicationScoped
public class AttachmentService {

    static final long MAX_BYTES = 10L * 1024 * 1024;

    /** A stored file as it is downloaded. */
    public record StoredFile(UUID id, String filename, String mediaType, byte[] content) { }

    @Inject EntityManager em;
    @Inject CaseJournal journal;

    public byte[] read(FileUpload file) throws IOException {
        if (file.size() > MAX_BYTES) {
            throw new ApiException(413, "payload-too-large", "Payload too large", "attachments are limited to 10 MB", null);
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
                INSERT INTO case_attachment (id, case_id, filename, media_type, size, content, created_by, created_at)
                VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)""")
                .setParameter(1, id).setParameter(2, c.id).setParameter(3, name).setParameter(4, type)
                .setParameter(5, (long) content.length).setParameter(6, content).setParameter(7, who.sub())
                .setParameter(8, now).executeUpdate();
        String role = who.roles().stream().findFirst().map(r -> r.claim()).orElse("unknown");
        journal.history(c, who.sub(), role, "ATTACH", c.state, name + " (" + type + ", " + content.length + " bytes)");
        return new CaseApi.Attachment(id, name, type, content.length, Json.time(now), url(c.id, id));
    }

    private static ApiException unsupported(String detail) {
        return new ApiException(415, "unsupported-media-type", "Unsupported media type", detail, null);
    }

    /**
     * The case's attachments, newest first. Who uploaded them is left out: for a misconduct report it
     * would name the confidential reporter (Art. 30).
     */
    @SuppressWarnings("unchecked")
    public List<CaseApi.Attachment> list(UUID caseId) {
        List<Object[]> rows = em.createNativeQuery("""
                SELECT id, filename, media_type, size, created_at FROM case_attachment WHERE case_id = ?1
                ORDER BY created_at DESC, id DESC""")
                .setParameter(1, caseId).getResultList();
        List<CaseApi.Attachment> out = new ArrayList<>();
        for (Object[] r : rows) {
            UUID id = (UUID) r[0];
            out.add(new CaseApi.Attachment(id, (String) r[1], (String) r[2], ((Number) r[3]).longValue(),
                    Json.time(CaseService.toOdt(r[4])), url(caseId, id)));
        }
        return out;
    }

    /** One file of the case; an attachment of another case is as unknown as a missing one. */
    @SuppressWarnings("unchecked")
    public StoredFile file(UUID caseId, UUID attachmentId) {
        List<Object[]> rows = em.createNativeQuery("""
                SELECT filename, media_type, content FROM case_attachment WHERE id = ?1 AND case_id = ?2""")
                .setParameter(1, attachmentId).setParameter(2, caseId).getResultList();
        if (rows.isEmpty()) {
            throw ApiException.notFound("no such attachment");
        }
        Object[] r = rows.get(0);
        return new StoredFile(attachmentId, (String) r[0], (String) r[1], (byte[]) r[2]);
    }

    static String url(UUID caseId, UUID attachmentId) {
        return "/api/v1/cases/" + caseId + "/attachments/" + attachmentId;
    }
}
