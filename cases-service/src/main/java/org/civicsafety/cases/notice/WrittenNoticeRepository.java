package org.civicsafety.cases.notice;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.civicsafety.cases.common.SqlRow;

/** The {@code written_notice} table. SQL: rows are appended once and read back, never changed. */
@ApplicationScoped
public class WrittenNoticeRepository {

    private static final TypeReference<Map<String, String>> ARGS = new TypeReference<>() {};

    @Inject EntityManager em;
    @Inject ObjectMapper mapper;

    /** The issue time is the notice's own creation time. */
    void insert(UUID noticeId, UUID caseId, NoticeType type, String verifyCode, String issuer,
            Map<String, String> args) {
        em.createNativeQuery("""
                INSERT INTO written_notice (notice_id, case_id, notice_type, verify_code, issuer, args, issued_at)
                SELECT n.id, ?2, ?3, ?4, ?5, CAST(?6 AS jsonb), n.created_at FROM notice n WHERE n.id = ?1""")
                .setParameter(1, noticeId).setParameter(2, caseId).setParameter(3, type.name())
                .setParameter(4, verifyCode).setParameter(5, issuer).setParameter(6, json(args)).executeUpdate();
    }

    List<WrittenNotice> list(UUID caseId) {
        return SqlRow.list(em.createNativeQuery(SELECT + " WHERE case_id = ?1 ORDER BY issued_at, notice_id")
                .setParameter(1, caseId), this::row);
    }

    Optional<WrittenNotice> find(UUID caseId, UUID noticeId) {
        return Optional.ofNullable(SqlRow.first(em.createNativeQuery(SELECT + " WHERE case_id = ?1 AND notice_id = ?2")
                .setParameter(1, caseId).setParameter(2, noticeId), this::row));
    }

    Optional<WrittenNotice> byCode(String code) {
        return Optional.ofNullable(SqlRow.first(em.createNativeQuery(SELECT + " WHERE verify_code = ?1")
                .setParameter(1, code), this::row));
    }

    private static final String SELECT = """
            SELECT notice_id, case_id, notice_type, verify_code, issuer, CAST(args AS text) AS args, issued_at
            FROM written_notice""";

    private WrittenNotice row(SqlRow r) {
        try {
            return new WrittenNotice(r.uuid("notice_id"), r.uuid("case_id"),
                    NoticeType.valueOf(r.string("notice_type")),
                    r.string("verify_code"), r.string("issuer"), mapper.readValue(r.string("args"), ARGS),
                    r.instant("issued_at"));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored arguments are not JSON", e);
        }
    }

    private String json(Map<String, String> args) {
        try {
            return mapper.writeValueAsString(args);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A stored written notice: everything its PDF is rendered from. */
    public record WrittenNotice(UUID noticeId, UUID caseId, NoticeType type, String verifyCode, String issuer,
            Map<String, String> args, Instant issuedAt) {}
}
