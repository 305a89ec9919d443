package org.civicsafety.grid.webhook;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import org.civicsafety.grid.common.NativeQueries;
import org.civicsafety.grid.common.SqlRow;
import org.civicsafety.grid.privacy.EncryptedTable;
import org.civicsafety.grid.privacy.PersonalDataCipher;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Table webhook_subscription; its secrets are sealed by {@link PersonalDataCipher}. */
@ApplicationScoped
public class WebhookSubscriptionRepository
        implements
            PanacheRepositoryBase<WebhookSubscription, UUID>,
            EncryptedTable {
    private static final String ON_OTHER_KEY = EncryptedTable.textOnOtherKey("secret_enc")
            + " OR (previous_secret_enc IS NOT NULL AND " + EncryptedTable.textOnOtherKey("previous_secret_enc") + ")";

    /** A subscription that is not deleted, if {@code partner} may see it (null: any partner's, for admins). */
    Optional<WebhookSubscription> find(UUID id, String partner) {
        return findByIdOptional(id).filter(s -> s.deletedAt == null)
                .filter(s -> partner == null || partner.equals(s.partnerId));
    }

    /** The partner's active subscriptions: those its incidents' events may go to. */
    List<WebhookSubscription> active(String partner) {
        return list("partnerId = ?1 AND active = true", partner);
    }

    /** A page of subscriptions newest first (of {@code partner}, or every partner's when null), after the cursor. */
    @SuppressWarnings("unchecked")
    List<WebhookSubscription> page(String partner, OffsetDateTime beforeAt, UUID beforeId, int limit) {
        // SQL: keyset paging over (created_at, id) of the partner index
        StringBuilder sql = new StringBuilder("SELECT s.* FROM webhook_subscription s WHERE s.deleted_at IS NULL");
        List<Object> args = new ArrayList<>();
        if (partner != null) {
            sql.append(" AND s.partner_id = ?");
            args.add(partner);
        }
        if (beforeAt != null) {
            sql.append(" AND (s.created_at, s.id) < (?, ?)");
            args.add(beforeAt);
            args.add(beforeId);
        }
        sql.append(" ORDER BY s.created_at DESC, s.id DESC LIMIT ?");
        args.add(limit);
        return NativeQueries.bind(getEntityManager().createNativeQuery(sql.toString(), WebhookSubscription.class),
                args).getResultList();
    }

    @Override
    public String table() {
        return "webhook_subscription";
    }

    @Override
    public long countOnOtherKeys(byte[] header) {
        // SQL: a byte comparison on the sealed columns
        return SqlRow.first(NativeQueries.bind(getEntityManager().createNativeQuery(
                "SELECT count(*) AS n FROM webhook_subscription WHERE " + ON_OTHER_KEY),
                List.of(header.length, header, header.length, header)), r -> r.lng("n"));
    }

    @Override
    public int reencrypt(PersonalDataCipher with, int limit) {
        byte[] header = with.currentHeader();
        // SQL: FOR UPDATE SKIP LOCKED claim of rows on other keys; each resealed through its entity
        List<UUID> ids = SqlRow.list(NativeQueries.bind(getEntityManager().createNativeQuery(
                "SELECT id FROM webhook_subscription WHERE " + ON_OTHER_KEY + " LIMIT ? FOR UPDATE SKIP LOCKED"),
                List.of(header.length, header, header.length, header, limit)), r -> r.uuid("id"));
        for (UUID id : ids) {
            WebhookSubscription s = findById(id);
            s.secretEnc = with.reencrypt(s.secretEnc);
            s.previousSecretEnc = with.reencrypt(s.previousSecretEnc);
        }
        return ids.size();
    }
}
