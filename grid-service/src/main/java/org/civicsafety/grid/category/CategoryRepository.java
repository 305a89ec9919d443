package org.civicsafety.grid.category;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.civicsafety.grid.incident.Severity;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

@ApplicationScoped
public class CategoryRepository {
    @Inject
    AgroalDataSource ds;
    @Inject
    ObjectMapper json;

    public List<Category> all() {
        return query("SELECT * FROM category ORDER BY group_code, code", null);
    }

    public Optional<Category> find(String code) {
        return query("SELECT * FROM category WHERE code = ?", code).stream().findFirst();
    }

    private List<Category> query(String sql, String arg) {
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            if (arg != null) {
                ps.setString(1, arg);
            }
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
