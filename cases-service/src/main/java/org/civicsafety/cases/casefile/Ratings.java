package org.civicsafety.cases.casefile;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.civicsafety.cases.common.SqlRow;
import org.civicsafety.cases.privacy.EncryptedTable;
import org.civicsafety.cases.privacy.PersonalDataCipher;
import org.civicsafety.cases.workflow.Enums;
import org.civicsafety.cases.workflow.TransitionGuards.AnswerStage;

/**
 * Satisfaction ratings (table {@code case_rating}), one per answer stage (the primary key enforces it).
 * The comment is the petitioner's free text, which may well name or reach them, so it is stored encrypted.
 * SQL: a rating is appended once and read back only as the set of rated stages, never changed as an object.
 */
@ApplicationScoped
public class Ratings implements EncryptedTable<Ratings.Key> {

    /** The primary key, for the re-encryption job's walk through the table. */
    public record Key(UUID caseId, String stage) {}

    record Comment(UUID caseId, String stage, byte[] commentEnc) {}

    @Inject EntityManager em;
    @Inject PersonalDataCipher cipher;

    @Transactional(Transactional.TxType.MANDATORY)
    public void add(UUID caseId, AnswerStage stage, Enums.Satisfaction satisfaction, String comment, String ratedBy) {
        em.createNativeQuery("""
                INSERT INTO case_rating (case_id, stage, satisfaction, comment_enc, rated_by)
                VALUES (?1, ?2, ?3, ?4, ?5)""")
                .setParameter(1, caseId).setParameter(2, stage.name()).setParameter(3, satisfaction.name())
                .setParameter(4, comment == null ? null : cipher.encryptText(comment))
                .setParameter(5, ratedBy).executeUpdate();
    }

    /** The answer stages of the case that have been rated. */
    @SuppressWarnings("unchecked")
    public Set<AnswerStage> ratedStages(UUID caseId) {
        Set<AnswerStage> rated = EnumSet.noneOf(AnswerStage.class);
        List<String> stages = em.createNativeQuery("SELECT stage FROM case_rating WHERE case_id = ?1", String.class)
                .setParameter(1, caseId).getResultList();
        stages.forEach(s -> rated.add(AnswerStage.valueOf(s)));
        return rated;
    }

    @Override
    public String name() {
        return "case_rating";
    }

    @Override
    public Key start() {
        return new Key(new UUID(0, 0), "");
    }

    @Override
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public Batch<Key> reencrypt(Key after, int limit) {
        List<Comment> rows = SqlRow.list(em
                .createNativeQuery("""
                SELECT case_id, stage, comment_enc FROM case_rating
                WHERE (case_id, stage) > (?1, ?2) AND comment_enc IS NOT NULL AND %s
                ORDER BY case_id, stage LIMIT ?4 FOR UPDATE SKIP LOCKED"""
                        .formatted(EncryptedTable.onOldKey("comment_enc", 3)))
                .setParameter(1, after.caseId()).setParameter(2, after.stage()).setParameter(3, cipher.currentHeader())
                .setParameter(4, limit),
                r -> new Comment(r.uuid("case_id"), r.string("stage"), r.bytes("comment_enc")));
        return EncryptedTable.rewriteEach(rows, limit, r -> new Key(r.caseId(), r.stage()),
                r -> em.createNativeQuery("UPDATE case_rating SET comment_enc = ?3 WHERE case_id = ?1 AND stage = ?2")
                        .setParameter(1, r.caseId()).setParameter(2, r.stage())
                        .setParameter(3, cipher.reencrypt(r.commentEnc()))
                        .executeUpdate());
    }

    @Override
    @Transactional
    public long rowsOnOldKeys() {
        return ((Number) em.createNativeQuery("SELECT count(*) FROM case_rating WHERE comment_enc IS NOT NULL AND "
                + EncryptedTable.onOldKey("comment_enc", 1)).setParameter(1, cipher.currentHeader()).getSingleResult())
                .longValue();
    }
}
