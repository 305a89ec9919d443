package org.civicsafety.cases.notice;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.civicsafety.cases.common.ApiException;
import org.civicsafety.cases.common.Json;
import org.civicsafety.cases.document.DocumentPdf;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * The statutory notices of a case as written documents (notices.md "Statutory notices are documents"): recorded with
 * their notice (same transaction), rendered as a PDF in zh-CN or English with the issuing office, date, case number
 * and a verification URL, and verifiable by their code without a login.
 */
@ApplicationScoped
public class WrittenNotices {

    /** Unambiguous characters, as tracking codes: 31^12 ≈ 2^59 codes, unguessable. */
    static final String CODE_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ";
    static final int CODE_LENGTH = 12;

    /** Who issues a document: the petition office of an area, the handling unit, or the reviewing body. */
    public enum Issuer {
        PETITION_OFFICE, UNIT, REVIEWER
    }

    /** The issuer's name as the documents print it: zh-CN, and English when there is one (else null). */
    public record IssuerName(String zh, String en) {}

    /** The args key of the issuer's English name (the English PDF prints it; the zh one is the issuer column). */
    static final String ISSUER_EN = "issuerEn";

    @Schema(name = "WrittenNoticeItem", description = "A written notice of a case")
    public record Item(UUID id, NoticeType type, String title, String issuedAt, String url) {}

    @Schema(name = "WrittenNoticeVerification", description = "What a verification code belongs to: no personal data")
    public record Verification(boolean genuine, NoticeType type, String title, String caseNumber, String issuedAt,
            String issuer, @Schema(description = "SHA-256 (hex) of the zh-CN PDF") String sha256,
            @Schema(description = "SHA-256 (hex) of the English PDF") String sha256En) {}

    @Inject WrittenNoticeRepository written;
    @Inject NoticesConfig config;
    private final SecureRandom random = new SecureRandom();

    /** Records the written notice of a statutory notice just written ({@code args}: its template's, no personal data). */
    @Transactional(Transactional.TxType.MANDATORY)
    public void record(UUID noticeId, UUID caseId, NoticeType type, Issuer issuer, IssuerName issuerName,
            Map<String, String> args) {
        Map<String, String> stored = new LinkedHashMap<>(args);
        stored.put("issuerKind", issuer.name());
        if (issuerName.en() != null) {
            stored.put(ISSUER_EN, issuerName.en());
        }
        written.insert(noticeId, caseId, type, code(), issuerName.zh(), stored);
    }

    public List<Item> list(UUID caseId) {
        return written.list(caseId).stream().map(w -> new Item(w.noticeId(), w.type(),
                NoticeTemplates.text("written.heading." + w.type(), NoticeTemplates.ZH_CN, w.args()),
                Json.time(w.issuedAt()), url(caseId, w.noticeId()))).toList();
    }

    /** The PDF of one of the case's written notices; another case's or an unknown id is a 404. */
    public byte[] pdf(UUID caseId, UUID noticeId, String lang) {
        return pdf(written.find(caseId, noticeId).orElseThrow(() -> ApiException.notFound("no such written notice")),
                lang);
    }

    public Verification verify(String code) {
        String normalized = code == null ? "" : code.strip().toUpperCase(java.util.Locale.ROOT);
        Optional<WrittenNoticeRepository.WrittenNotice> found = isCode(normalized) ? written.byCode(normalized)
                : Optional.empty();
        WrittenNoticeRepository.WrittenNotice w = found
                .orElseThrow(() -> ApiException.notFound("no written notice has this verification code"));
        return new Verification(true, w.type(),
                NoticeTemplates.text("written.heading." + w.type(), NoticeTemplates.ZH_CN, w.args()),
                w.args().get("number"), Json.time(w.issuedAt()), issuer(w, NoticeTemplates.ZH_CN),
                sha256(pdf(w, NoticeTemplates.ZH_CN)), sha256(pdf(w, NoticeTemplates.EN)));
    }

    /** Where a case's written notice is downloaded (the {@code document} of its notice). */
    public static String url(UUID caseId, UUID noticeId) {
        return "/api/v1/cases/" + caseId + "/written-notices/" + noticeId;
    }

    byte[] pdf(WrittenNoticeRepository.WrittenNotice w, String lang) {
        Map<String, String> args = new LinkedHashMap<>(w.args());
        args.put("issuedAt", Json.time(w.issuedAt()));
        args.put("code", w.verifyCode());
        args.put("url", config.verifyBaseUrl().replaceAll("/+$", "")
                + "/api/v1/cases/written-notices/verify/" + w.verifyCode());
        args.put("id", w.noticeId().toString());
        String heading = NoticeTemplates.text("written.heading." + w.type(), lang, args);
        return DocumentPdf.render(new DocumentPdf.Content(heading + " " + w.args().get("number"),
                issuer(w, lang), heading,
                List.of(NoticeTemplates.text("written.number", lang, args),
                        NoticeTemplates.text("written.date", lang, args)),
                List.of(NoticeTemplates.render(w.type(), lang, w.args()).body()),
                List.of(issuer(w, lang) + "  " + NoticeTemplates.text("written.signed", lang, args),
                        NoticeTemplates.text("written.verify", lang, args),
                        NoticeTemplates.text("written.document", lang, args))),
                w.noticeId(), w.issuedAt());
    }

    /** The issuing office as the document names it: by its English name in the English PDF when it has one. */
    private static String issuer(WrittenNoticeRepository.WrittenNotice w, String lang) {
        String name = NoticeTemplates.EN.equals(lang) && w.args().containsKey(ISSUER_EN) ? w.args().get(ISSUER_EN)
                : w.issuer();
        return NoticeTemplates.text("written.issuer." + w.args().get("issuerKind"), lang, Map.of("issuer", name));
    }

    private String code() {
        StringBuilder sb = new StringBuilder(CODE_LENGTH);
        for (int i = 0; i < CODE_LENGTH; i++) {
            sb.append(CODE_ALPHABET.charAt(random.nextInt(CODE_ALPHABET.length())));
        }
        return sb.toString();
    }

    /** Only a code of the issued length and alphabet is looked up (a NUL never reaches the database). */
    static boolean isCode(String code) {
        return code.length() == CODE_LENGTH && code.chars().allMatch(ch -> CODE_ALPHABET.indexOf(ch) >= 0);
    }

    public static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
