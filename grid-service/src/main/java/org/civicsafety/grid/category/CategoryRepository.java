package org.civicsafety.grid.category;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.civicsafety.grid.common.Codes;
import org.civicsafety.grid.incident.Severity;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

@ApplicationScoped
public class CategoryRepository {
    @Inject
    AgroalDataSource ds;
    @Inject
    ObjectMapper json;

    /**
     * The catalogue is seed data that only changes with a migration, yet every report and every incident view
     * needs it: it is read at most once per {@link #TTL_NANOS} instead of once or twice per request.
     */
    static final long TTL_NANOS = java.util.concurrent.TimeUnit.SECONDS.toNanos(60);

    private record Snapshot(List<Category> all, Map<String, Category> byCode, long loadedAt) {
    }

    private volatile Snapshot snapshot;

    public List<Category> all() {
        return current().all();
    }

    public Optional<Category> find(String code) {
        if (!Codes.storable(code)) {
            return Optional.empty();
        }
        return Optional.ofNullable(current().byCode().get(code));
    }

    private Snapshot current() {
        Snapshot s = snapshot;
        if (s == null || System.nanoTime() - s.loadedAt() > TTL_NANOS) {
            List<Category> all = List.copyOf(load());
            Map<String, Category> byCode = new HashMap<>();
            all.forEach(c -> byCode.put(c.code(), c));
            s = new Snapshot(all, Map.copyOf(byCode), System.nanoTime());
            snapshot = s;
        }
        return s;
    }

    private List<Category> load() {
        try (Connection c = ds.getConnection();
                PreparedStatement ps = c.prepareStatement("SELECT * FROM category ORDER BY group_code, code")) {
            List<Category> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(map(rs));
                }
            }
            return out;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private Category map(ResultSet rs) throws SQLException {
        try {
            Map<String, Integer> raw = json.readValue(rs.getString("sla_hours"), new TypeReference<>() {
            });
            Map<Severity, Integer> sla = new EnumMap<>(Severity.class);
            raw.forEach((k, v) -> sla.put(Severity.valueOf(k), v));
            List<AttributeDef> attrs = json.readValue(rs.getString("attributes"), new TypeReference<>() {
            });
            return new Category(rs.getString("code"), rs.getString("name_zh"), rs.getString("name_en"),
                    rs.getString("group_code"), rs.getString("group_zh"), rs.getString("group_en"),
                    Arrays.asList((String[]) rs.getArray("keywords").getArray()),
                    Severity.valueOf(rs.getString("default_severity")), rs.getInt("dedupe_radius_meters"), sla,
                    rs.getBoolean("private"), attrs);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
