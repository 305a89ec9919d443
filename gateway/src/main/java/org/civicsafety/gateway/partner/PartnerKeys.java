package org.civicsafety.gateway.partner;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.Startup;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.civicsafety.gateway.config.GatewayConfig;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Partner API keys: issue, look up by presented key, revoke. */
@Startup
@ApplicationScoped
public class PartnerKeys {

    /** A new key, with the secret that is shown this one time. */
    public record Issued(PartnerKey key, String secret) {}

    @Inject GatewayConfig config;

    @Inject ObjectMapper json;

    @Inject MeterRegistry registry;

    @Inject KeyUse uses;

    @ConfigProperty(name = "kafka.bootstrap.servers") String bootstrap;

    private PartnerKeyLog log;

    @PostConstruct
    void start() {
        log = new PartnerKeyLog(bootstrap, config.keys().topic(), config.keys().replicationFactor(), json, registry);
    }

    void stop(@Observes ShutdownEvent event) {
        log.close();
    }

    public boolean loaded() {
        return log.loaded();
    }

    public Issued issue(String partnerId, String name, List<String> categories, String createdBy) {
        String secret = ApiKeys.generate();
        PartnerKey key = new PartnerKey(UUID.randomUUID().toString(), partnerId, name, List.copyOf(categories),
                ApiKeys.hash(secret), ApiKeys.displayPrefix(secret), now(), createdBy, null);
        log.put(key);
        return new Issued(key, secret);
    }

    /** The active key matching a presented secret; its use is recorded. */
    public Optional<PartnerKey> authenticate(String secret) {
        if (secret == null || secret.isBlank() || secret.length() > 200) {
            return Optional.empty();
        }
        Optional<PartnerKey> key = log.byHash(ApiKeys.hash(secret.trim())).filter(PartnerKey::active);
        key.ifPresent(k -> uses.used(k.id(), Instant.now()));
        return key;
    }

    public Optional<PartnerKey> find(String id) {
        return log.byId(id);
    }

    public List<PartnerKey> list(String partnerId) {
        return log.all().stream()
                .filter(k -> partnerId == null || partnerId.equals(k.partnerId()))
                .sorted(Comparator.comparing(PartnerKey::createdAt).reversed().thenComparing(PartnerKey::id))
                .toList();
    }

    /** Revokes the key (idempotent); empty when there is no such key. */
    public Optional<PartnerKey> revoke(String id) {
        Optional<PartnerKey> existing = log.byId(id);
        if (existing.isEmpty() || !existing.get().active()) {
            return existing;
        }
        PartnerKey revoked = existing.get().revoked(now());
        log.put(revoked);
        return Optional.of(revoked);
    }

    private static OffsetDateTime now() {
        return OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.MILLIS);
    }
}
