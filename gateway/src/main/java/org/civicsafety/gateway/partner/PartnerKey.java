package org.civicsafety.gateway.partner;

import java.time.OffsetDateTime;
import java.util.List;

/**
 * A partner's API key as the gateway keeps it: only the SHA-256 of the key is stored (the key
 * itself is shown once, at creation). This is also the record written to the compacted topic.
 */
public record PartnerKey(String id, String partnerId, String name, List<String> categories, String keyHash,
        String keyPrefix, OffsetDateTime createdAt, String createdBy, OffsetDateTime revokedAt) {

    public boolean active() {
        return revokedAt == null;
    }

    public PartnerKey revoked(OffsetDateTime at) {
        return new PartnerKey(id, partnerId, name, categories, keyHash, keyPrefix, createdAt, createdBy, at);
    }
}
