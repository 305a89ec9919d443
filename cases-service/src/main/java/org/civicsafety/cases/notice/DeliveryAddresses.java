package org.civicsafety.cases.notice;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.util.List;
import java.util.UUID;
import org.civicsafety.cases.common.SqlRow;
import org.civicsafety.cases.privacy.EncryptedTable;
import org.civicsafety.cases.privacy.PersonalDataCipher;

/** The deliveries' encrypted addresses ({@code notice_delivery.address_enc}) for the re-encryption job. */
@ApplicationScoped
public class DeliveryAddresses implements EncryptedTable<UUID> {

    record Address(UUID id, String addressEnc) {}

    @Inject EntityManager em;
    @Inject PersonalDataCipher cipher;
    @Inject Notices notices;

    @Override
    public String name() {
        return "notice_delivery";
    }

    @Override
    public UUID start() {
        return new UUID(0, 0);
    }

    /** SQL: the keyset walk with SKIP LOCKED, as every table the job walks. */
    @Override
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public Batch<UUID> reencrypt(UUID after, int limit) {
        List<Address> rows = SqlRow.list(
                em.createNativeQuery("""
                SELECT id, address_enc FROM notice_delivery WHERE id > ?1 AND address_enc IS NOT NULL AND %s
                ORDER BY id LIMIT ?3 FOR UPDATE SKIP LOCKED"""
                        .formatted(EncryptedTable.onOldKeyBase64("address_enc", 2)))
                        .setParameter(1, after).setParameter(2, cipher.currentHeader()).setParameter(3, limit),
                r -> new Address(r.uuid("id"), r.string("address_enc")));
        return EncryptedTable.rewriteEach(rows, limit, Address::id, r -> em
                .createNativeQuery("UPDATE notice_delivery SET address_enc = ?2 WHERE id = ?1").setParameter(1, r.id())
                .setParameter(2, notices.encrypt(notices.decrypt(r.addressEnc()))).executeUpdate());
    }

    @Override
    @Transactional
    public long rowsOnOldKeys() {
        return ((Number) em
                .createNativeQuery("SELECT count(*) FROM notice_delivery WHERE address_enc IS NOT NULL AND %s"
                        .formatted(EncryptedTable.onOldKeyBase64("address_enc", 1)))
                .setParameter(1, cipher.currentHeader())
                .getSingleResult()).longValue();
    }
}
