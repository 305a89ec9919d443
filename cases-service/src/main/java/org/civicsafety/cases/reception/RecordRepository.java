package org.civicsafety.cases.reception;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.util.List;
import java.util.UUID;
import org.civicsafety.cases.common.SqlRow;
import org.civicsafety.cases.privacy.EncryptedTable;
import org.civicsafety.cases.privacy.PersonalDataCipher;

/** The {@code reception_record} table; a walk-in's name and phone are ciphertext the re-encryption job moves. */
@ApplicationScoped
public class RecordRepository implements PanacheRepositoryBase<ReceptionRecord, UUID>, EncryptedTable<UUID> {

    record Ciphertext(UUID id, byte[] walkInEnc) {}

    @Inject PersonalDataCipher cipher;

    /** The day's records in the order they were made. */
    public List<ReceptionRecord> ofDay(UUID dayId) {
        return list("dayId = ?1 ORDER BY recordedAt, id", dayId);
    }

    @Override
    public String name() {
        return "reception_record";
    }

    @Override
    public UUID start() {
        return new UUID(0, 0);
    }

    @Override
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public Batch<UUID> reencrypt(UUID after, int limit) {
        List<Ciphertext> rows = SqlRow.list(getEntityManager().createNativeQuery("""
                SELECT id, walk_in_enc FROM reception_record WHERE id > ?1 AND walk_in_enc IS NOT NULL AND %s
                ORDER BY id LIMIT ?3 FOR UPDATE SKIP LOCKED""".formatted(EncryptedTable.onOldKey("walk_in_enc", 2)))
                .setParameter(1, after).setParameter(2, cipher.currentHeader()).setParameter(3, limit),
                r -> new Ciphertext(r.uuid("id"), r.bytes("walk_in_enc")));
        return EncryptedTable.rewriteEach(rows, limit, Ciphertext::id, r -> getEntityManager()
                .createNativeQuery("UPDATE reception_record SET walk_in_enc = ?2 WHERE id = ?1")
                .setParameter(1, r.id()).setParameter(2, cipher.reencrypt(r.walkInEnc())).executeUpdate());
    }

    @Override
    @Transactional
    public long rowsOnOldKeys() {
        return ((Number) getEntityManager().createNativeQuery(
                "SELECT count(*) FROM reception_record WHERE walk_in_enc IS NOT NULL AND "
                        + EncryptedTable.onOldKey("walk_in_enc", 1))
                .setParameter(1, cipher.currentHeader()).getSingleResult()).longValue();
    }
}
