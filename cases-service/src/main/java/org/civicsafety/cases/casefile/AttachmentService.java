package org.civicsafety.cases.casefile;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.io.IOException;
import java.nio.file.Files;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.UUID;
import org.civicsafety.cases.common.ApiException;
import org.civicsafety.cases.common.Json;
import org.jboss.resteasy.reactive.multipart.FileUpload;

/** Attachments: at most 10 MB, PDF/JPEG/PNG recognised by their magic bytes, never by name. */
@ApplicationScoped
public class AttachmentService {

    static final long MAX_BYTES = 10L * 1024 * 1024;

    @Inject EntityManager em;
    @Inject CaseService cases;
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

    @Transactional(Transactional.TxType.MANDATORY)
    public CaseApi.Attachment store(UUID caseId, String filename, byte[] content, Access.Who who) {
        CaseEntity c = cases.lockVisible(caseId, who);
        String type = sniff(content);
        if (type == null) {
            throw new ApiException(415, "unsupported-media-type", "Unsupported media type",
                    "only PDF, JPEG and PNG files are accepted", null);
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
        return new CaseApi.Attachment(id, name, type, content.length, Json.time(now));
    }
}
