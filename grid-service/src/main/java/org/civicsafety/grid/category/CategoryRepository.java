package org.civicsafety.grid.category;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import org.civicsafety.grid.common.Codes;
import org.civicsafety.grid.config.GridConfig;
import org.civicsafety.grid.common.Jdbc;
import org.civicsafety.grid.category.Severity;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

@ApplicationScoped
public class CategoryRepository {
    private static final String SELECT = "SELECT code, name_zh, name_en, group_code, group_zh, group_en, keywords,"
            + " default_severity, dedupe_radius_meters, sla_hours::text, private, attributes::text, active, version"
            + " FROM category";

    @Inject
    Jdbc jdbc;
    @Inject
    ObjectMapper json;
    @Inject
    GridConfig config;
    @Inject
    TransactionSynchronizationRegistry transactions;

    /**
     * Every report and every incident view needs the catalogue, so it is read at most once per
     * {@code grid.catalogue.ttl} instead of once or twice per request. A write through this instance drops it
     * once committed; other instances notice within the TTL.
     */
    private record Snapshot(List<Category> all, Map<String, Category> byCode, long loadedAt) {
    }

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
            List<Category> all = List.copyOf(jdbc.query(SELECT + " ORDER BY group_code, code", this::map));
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
        return jdbc.one(SELECT + " WHERE code = ?" + (forUpdate ? " FOR UPDATE" : ""), this::map, code);
    }

    /** Inserts a new category; false when the code is taken. */
    public boolean insert(Category c) {
        boolean inserted = jdbc.update("INSERT INTO category (code, name_zh, name_en, group_code, group_zh, group_en,"
                + " keywords, default_severity, dedupe_radius_meters, sla_hours, private, attributes, active, version)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?, ?::jsonb, ?, ?) ON CONFLICT (code) DO NOTHING",
                c.code(), c.nameZh(), c.nameEn(), c.groupCode(), c.groupZh(), c.groupEn(), c.keywords(),
                c.defaultSeverity(), c.dedupeRadiusMeters(), write(c.slaHours()), c.isPrivate(),
                write(c.attributes()), c.active(), c.version()) == 1;
        renameGroup(c);
        invalidateAfterCompletion();
        return inserted;
    }

    /** Replaces a category (already locked by the caller). */
    public void update(Category c) {
        jdbc.update("UPDATE category SET name_zh = ?, name_en = ?, group_code = ?, group_zh = ?, group_en = ?,"
                + " keywords = ?, default_severity = ?, dedupe_radius_meters = ?, sla_hours = ?::jsonb, private = ?,"
                + " attributes = ?::jsonb, active = ?, version = ? WHERE code = ?",
                c.nameZh(), c.nameEn(), c.groupCode(), c.groupZh(), c.groupEn(), c.keywords(), c.defaultSeverity(),
                c.dedupeRadiusMeters(), write(c.slaHours()), c.isPrivate(), write(c.attributes()), c.active(),
                c.version(), c.code());
        renameGroup(c);
        invalidateAfterCompletion();
    }

    /** A group's names belong to the group: the latest write names it in every category of the group. */
    private void renameGroup(Category c) {
        jdbc.update("UPDATE category SET group_zh = ?, group_en = ? WHERE group_code = ? AND code <> ?"
                + " AND (group_zh <> ? OR group_en <> ?)", c.groupZh(), c.groupEn(), c.groupCode(), c.code(),
                c.groupZh(), c.groupEn());
    }

    /** Whether incidents or routing rules refer to the category (then it may only be deactivated). */
    public boolean inUse(String code) {
        return jdbc.one("SELECT EXISTS (SELECT 1 FROM incident WHERE category_code = ?)"
                + " OR EXISTS (SELECT 1 FROM routing_rule WHERE category_code = ?)", rs -> rs.getBoolean(1), code,
                code).orElseThrow();
    }

    public void delete(String code) {
        jdbc.update("DELETE FROM category WHERE code = ?", code);
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

    private Category map(ResultSet rs) throws SQLException {
        try {
            Map<String, Integer> raw = json.readValue(rs.getString(10), new TypeReference<>() {
            });
            Map<Severity, Integer> sla = new EnumMap<>(Severity.class);
            raw.forEach((k, v) -> sla.put(Severity.valueOf(k), v));
            List<AttributeDef> attrs = json.readValue(rs.getString(12), new TypeReference<>() {
            });
            return new Category(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                    rs.getString(6), Arrays.asList((String[]) rs.getArray(7).getArray()),
                    Severity.valueOf(rs.getString(8)), rs.getInt(9), sla, rs.getBoolean(11), attrs,
                    rs.getBoolean(13), rs.getLong(14));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
