package org.civicsafety.cases.casefile;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.io.IOException;
import java.nio.file.Files;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;
import org.civicsafety.cases.common.ApiException;
import org.civicsafety.cases.common.Json;
import org.civicsafety.cases.common.ProblemType;
import org.civicsafety.cases.privacy.EncryptedTable;
import org.civicsafety.cases.privacy.PersonalDataCipher;
import org.civicsafety.cases.workflow.CaseEntity;
import org.jboss.resteasy.reactive.multipart.FileUpload;

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
    public record StoredFile(UUID id, String filename, String mediaType, byte[] content) {}

    @Inject AttachmentRepository files;
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
        if (startsWith(b, new byte[]{'%', 'P', 'D', 'F', '-'})) {
            return "application/pdf";
        }
        if (startsWith(b, new byte[]{(byte) 0xFF, (byte) 0xD8, (byte) 0xFF})) {
            return "image/jpeg";
        }
        if (startsWith(b, new byte[]{(byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A})) {
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
        files.insert(id, c.id, cipher.encryptText(name), type, content.length, cipher.encrypt(content), who.sub(), now);
        String role = who.roles().stream().findFirst().map(r -> r.claim()).orElse("unknown");
        // The attachment id, not its file name: history is plain text and a file name can name a person.
        journal.history(c, who.sub(), role, "ATTACH", c.state,
                "attachment " + id + " (" + type + ", " + content.length + " bytes)");
        return new CaseApi.Attachment(id, name, type, content.length, Json.time(now), url(c.id, id));
    }

    private static ApiException unsupported(String detail) {
        return new ApiException(ProblemType.UNSUPPORTED_MEDIA_TYPE, detail, null);
    }

    /**
     * The case's attachments, newest first. Who uploaded them is left out: for a misconduct report it
     * would name the confidential reporter (Art. 30).
     */
    public List<CaseApi.Attachment> list(UUID caseId) {
        return files.list(caseId).stream()
                .map(r -> new CaseApi.Attachment(r.id(), cipher.decryptText(r.filenameEnc()), r.mediaType(),
                        r.size(), Json.time(r.createdAt()), url(caseId, r.id())))
                .toList();
    }

    /** One file of the case; an attachment of another case is as unknown as a missing one. */
    public StoredFile file(UUID caseId, UUID attachmentId) {
        AttachmentRepository.Content r = files.content(caseId, attachmentId)
                .orElseThrow(() -> ApiException.notFound("no such attachment"));
        return new StoredFile(attachmentId, cipher.decryptText(r.filenameEnc()), r.mediaType(),
                cipher.decrypt(r.content()));
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
    public Batch<UUID> reencrypt(UUID after, int limit) {
        int batch = Math.min(limit, MAX_REENCRYPTION_BATCH);
        List<UUID> ids = files.idsOnOldKeys(after, cipher.currentHeader(), batch);
        return EncryptedTable.rewriteEach(ids, batch, Function.identity(), id -> {
            AttachmentRepository.Content r = files.content(id);
            files.rewrite(id, cipher.reencrypt(r.filenameEnc()), cipher.reencrypt(r.content()));
        });
    }

    @Override
    @Transactional
    public long rowsOnOldKeys() {
        return files.countOnOldKeys(cipher.currentHeader());
    }

    static String url(UUID caseId, UUID attachmentId) {
        return "/api/v1/cases/" + caseId + "/attachments/" + attachmentId;
    }
}
