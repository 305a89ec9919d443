package org.civicsafety.grid.category;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import org.civicsafety.grid.common.Codes;
import org.civicsafety.grid.common.NativeQueries;
import org.civicsafety.grid.config.GridConfig;

import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

@ApplicationScoped
public class CategoryRepository implements PanacheRepositoryBase<CategoryEntity, String> {
    @Inject ObjectMapper json;
    @Inject GridConfig config;
    @Inject TransactionSynchronizationRegistry transactions;

    /**
     * Every report and every incident view needs the catalogue, so it is read at most once per
     * {@code grid.catalogue.ttl} instead of once or twice per request. A write through this instance drops it
     * once committed; other instances notice within the TTL.
     */
    private record Snapshot(List<Category> all, Map<String, Category> byCode, long loadedAt) {}

    private volatile Snapshot snapshot;
    /** Bumped by every committed change, so a load that may predate the change is not kept. */
    private final AtomicLong generation = new AtomicLong();

    /** Every category, inactive ones included (their incidents still show their names). */
    public List<Category> all() {
        return current().all();
    }

    /** The categories that take reports. */
    public List<Category> active() {
        return current().all().stream().filter(Category::active).toList();
    }

    public Optional<Category> find(String code) {
        if (!Codes.storable(code)) {
            return Optional.empty();
        }
        return Optional.ofNullable(current().byCode().get(code));
    }

    /** An active category (one that takes reports and is an Open311 service). */
    public Optional<Category> findActive(String code) {
        return find(code).filter(Category::active);
    }

    private Snapshot current() {
        Snapshot s = snapshot;
        if (s == null || System.nanoTime() - s.loadedAt() > config.catalogue().ttl().toNanos()) {
            long seen = generation.get();
            List<Category> all = listAll(Sort.by("groupCode").and("code")).stream().map(this::category).toList();
            Map<String, Category> byCode = new HashMap<>();
            all.forEach(c -> byCode.put(c.code(), c));
            s = new Snapshot(all, Map.copyOf(byCode), System.nanoTime());
            if (generation.get() == seen) {
                snapshot = s;
            }
        }
        return s;
    }

    /** The stored row, read past the cache (for writes and their replies); locked when {@code forUpdate}. */
    public Optional<Category> load(String code, boolean forUpdate) {
        if (!Codes.storable(code)) {
            return Optional.empty();
        }
        return (forUpdate ? findByIdOptional(code, LockModeType.PESSIMISTIC_WRITE) : findByIdOptional(code))
                .map(this::category);
    }

    /** Inserts a new category; false when the code is taken. */
    public boolean insert(Category c) {
        // SQL: ON CONFLICT DO NOTHING settles two racing creates of one code without a failed transaction
        boolean inserted = NativeQueries.bind(getEntityManager()
                .createNativeQuery("INSERT INTO category (code, name_zh, name_en, group_code, group_zh, group_en,"
                        + " keywords, default_severity, dedupe_radius_meters, sla_hours, private, attributes, active, version)"
                        + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, cast(? as jsonb), ?, cast(? as jsonb), ?, ?)"
                        + " ON CONFLICT (code) DO NOTHING"),
                List.of(c.code(), c.nameZh(), c.nameEn(), c.groupCode(),
                        c.groupZh(), c.groupEn(), c.keywords(), c.defaultSeverity().name(), c.dedupeRadiusMeters(),
                        write(c.slaHours()), c.isPrivate(), write(c.attributes()), c.active(), c.version()))
                .executeUpdate() == 1;
        renameGroup(c);
        invalidateAfterCompletion();
        return inserted;
    }

    /** Replaces a category (already locked by the caller). */
    public void update(Category c) {
        CategoryEntity e = findById(c.code());
        e.nameZh = c.nameZh();
        e.nameEn = c.nameEn();
        e.groupCode = c.groupCode();
        e.groupZh = c.groupZh();
        e.groupEn = c.groupEn();
        e.keywords = c.keywords();
        e.defaultSeverity = c.defaultSeverity();
        e.dedupeRadiusMeters = c.dedupeRadiusMeters();
        e.slaHours = write(c.slaHours());
        e.isPrivate = c.isPrivate();
        e.attributes = write(c.attributes());
        e.active = c.active();
        e.version = c.version();
        renameGroup(c);
        invalidateAfterCompletion();
    }

    /** A group's names belong to the group: the latest write names it in every category of the group. */
    private void renameGroup(Category c) {
        update("groupZh = ?1, groupEn = ?2 WHERE groupCode = ?3 AND code <> ?4 AND (groupZh <> ?1 OR groupEn <> ?2)",
                c.groupZh(), c.groupEn(), c.groupCode(), c.code());
    }

    /** Whether incidents or routing rules refer to the category (then it may only be deactivated). */
    public boolean inUse(String code) {
        // SQL: looks into the incident and routing tables without this package depending on theirs
        return (Boolean) NativeQueries.bind(getEntityManager().createNativeQuery(
                "SELECT EXISTS (SELECT 1 FROM incident WHERE category_code = ?)"
                        + " OR EXISTS (SELECT 1 FROM routing_rule WHERE category_code = ?)"),
                List.of(code, code))
                .getSingleResult();
    }

    public void delete(String code) {
        deleteById(code);
        invalidateAfterCompletion();
    }

    /**
     * Drops the cached catalogue when the current transaction ends: dropped earlier, a concurrent reader could
     * reload the rows as they were before the commit and keep them.
     */
    private void invalidateAfterCompletion() {
        transactions.registerInterposedSynchronization(new Synchronization() {
            @Override
            public void beforeCompletion() {
                // nothing to prepare
            }

            @Override
            public void afterCompletion(int status) {
                generation.incrementAndGet();
                snapshot = null;
            }
        });
    }

    private String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private Category category(CategoryEntity e) {
        try {
            Map<String, Integer> raw = json.readValue(e.slaHours, new TypeReference<>() {});
            Map<Severity, Integer> sla = new EnumMap<>(Severity.class);
            raw.forEach((k, v) -> sla.put(Severity.valueOf(k), v));
            List<AttributeDef> attrs = json.readValue(e.attributes, new TypeReference<>() {});
            return new Category(e.code, e.nameZh, e.nameEn, e.groupCode, e.groupZh, e.groupEn,
                    List.copyOf(e.keywords), e.defaultSeverity, e.dedupeRadiusMeters, sla, e.isPrivate, attrs,
                    e.active, e.version);
        } catch (JsonProcessingException ex) {
            throw new IllegalStateException(ex);
        }
    }
}
