package org.civicsafety.grid.area;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import org.civicsafety.grid.common.ApiException;
import org.civicsafety.grid.common.FieldError;
import org.civicsafety.grid.config.GridConfig;
import org.civicsafety.grid.outbox.Outbox;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Creating and changing areas; every change writes {@code area.upserted} to the outbox in the same transaction and
 * fires {@link AreasWritten} there.
 */
@ApplicationScoped
public class AreaService {
    public static final String UPSERTED = "org.civicsafety.area.upserted.v1";

    @Inject AreaRepository repo;
    @Inject Outbox outbox;
    @Inject GridConfig config;
    @Inject ObjectMapper json;
    @Inject Event<AreasWritten> written;

    /** Result of a write: the stored area and whether it was newly created. */
    public record Written(Area area, boolean created) {}

    @Transactional
    public Written create(AreaRequest req) {
        if (req.code() == null || req.code().isBlank()) {
            throw ApiException.badRequest(FieldError.of("code", "area.blank-code"));
        }
        String boundary = checkedBoundary(req);
        Area parent = checkNesting(req, req.code(), List.of());
        Area area = toArea(req.code(), req, parent, 1);
        if (!repo.insert(area, boundary)) {
            throw ApiException.conflict("An area with code " + req.code() + " already exists", null);
        }
        Area stored = repo.find(req.code(), false, false).orElseThrow();
        publish(List.of(stored));
        return new Written(stored, true);
    }

    /** Creates or replaces an area; {@code ifMatch} (a version) is checked when given. */
    @Transactional
    public Written put(String code, AreaRequest req, Long ifMatch) {
        if (req.code() != null && !req.code().equals(code)) {
            throw ApiException.badRequest(FieldError.of("code", "path-code-mismatch"));
        }
        Optional<Area> existing = repo.find(code, false, true);
        if (existing.isEmpty()) {
            if (ifMatch != null) {
                throw ApiException.preconditionFailed("Area " + code + " does not exist yet");
            }
            String boundary = checkedBoundary(req);
            Area parent = checkNesting(req, code, List.of());
            Area area = toArea(code, req, parent, 1);
            if (!repo.insert(area, boundary)) {
                throw ApiException.conflict("Area " + code + " was created concurrently", null);
            }
            Area stored = repo.find(code, false, false).orElseThrow();
            publish(List.of(stored));
            return new Written(stored, true);
        }
        Area old = existing.get();
        if (ifMatch != null && ifMatch != old.version()) {
            throw ApiException.preconditionFailed("Area " + code + " is at version " + old.version());
        }
        String boundary = checkedBoundary(req);
        Area parent = checkNesting(req, code, repo.childLevels(code));
        Area area = toArea(code, req, parent, old.version() + 1);
        repo.replace(area, boundary);
        List<Area> changed = new ArrayList<>();
        changed.add(repo.find(code, false, false).orElseThrow());
        if (!old.path().equals(area.path())) {
            changed.addAll(repo.repathDescendants(code, old.path(), area.path()));
        }
        publish(changed);
        return new Written(changed.get(0), false);
    }

    public Optional<Area> find(String code) {
        return repo.find(code, true, false);
    }

    /** Ancestors of an area, county first, excluding the area itself. */
    public List<Area> ancestors(Area area) {
        List<String> codes = area.path().subList(0, area.path().size() - 1);
        if (codes.isEmpty()) {
            return List.of();
        }
        Map<String, Area> byCode = new LinkedHashMap<>();
        repo.findAll(codes).forEach(a -> byCode.put(a.code(), a));
        List<Area> out = new ArrayList<>();
        for (String c : codes) {
            if (byCode.containsKey(c)) {
                out.add(byCode.get(c));
            }
        }
        return out;
    }

    private String checkedBoundary(AreaRequest req) {
        if (req.boundary() == null || req.boundary().isNull()) {
            if (req.level() == AreaLevel.GRID) {
                throw ApiException.badRequest(FieldError.of("boundary", "area.boundary-required"));
            }
            return null;
        }
        List<FieldError> errors = GeoJsonPolygons.check(req.boundary(), "boundary");
        if (!errors.isEmpty()) {
            throw ApiException.badRequest("The boundary is not a valid GeoJSON Polygon/MultiPolygon", errors);
        }
        String geo = req.boundary().toString();
        Map<Integer, String> invalid = repo.invalidGeometries(List.of(geo));
        if (!invalid.isEmpty()) {
            throw ApiException.badRequest(FieldError.of("boundary", "area.invalid-polygon", invalid.get(0)));
        }
        return geo;
    }

    private Area checkNesting(AreaRequest req, String code, List<AreaLevel> childLevels) {
        Area parent = req.parentCode() == null ? null : repo.find(req.parentCode(), false, false).orElse(null);
        if (parent != null && parent.path().contains(code)) {
            throw ApiException.badRequest(FieldError.of("parentCode", "area.below-itself"));
        }
        List<FieldError> errors = AreaRules.checkNesting(req.level(), req.parentCode(), parent != null,
                parent == null ? null : parent.level(), childLevels,
                req.boundary() != null && !req.boundary().isNull());
        if (!errors.isEmpty()) {
            throw ApiException.badRequest("The area does not fit the hierarchy", errors);
        }
        return parent;
    }

    private static Area toArea(String code, AreaRequest req, Area parent, long version) {
        List<String> path = new ArrayList<>(parent == null ? List.of() : parent.path());
        path.add(code);
        return new Area(code, req.name().strip(), req.nameEn(), req.level(), req.parentCode(), path, req.population(),
                req.responsibleUnit(), version, null, null, null);
    }

    void publish(List<Area> areas) {
        List<Outbox.Event> events = new ArrayList<>(areas.size());
        String now = OffsetDateTime.now(ZoneOffset.UTC).toString();
        for (Area a : areas) {
            events.add(new Outbox.Event(config.kafka().areasTopic(), a.code(), UPSERTED, eventData(a, now)));
        }
        outbox.appendAll(events);
        written.fire(new AreasWritten(areas));
    }

    static Map<String, Object> eventData(Area a, String occurredAt) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("code", a.code());
        data.put("name", a.name());
        data.put("level", a.level().name());
        data.put("parentCode", a.parentCode());
        data.put("path", a.path());
        data.put("population", a.population());
        data.put("responsibleUnit", a.responsibleUnit());
        data.put("version", a.version());
        data.put("occurredAt", occurredAt);
        return data;
    }

    public AreaView view(Area a, boolean withAncestors) {
        return view(a, withAncestors ? ancestors(a) : null);
    }

    /** The view of an area whose ancestors (county first) the caller already has; null leaves them out. */
    public AreaView view(Area a, List<Area> ancestorAreas) {
        JsonNode boundary = geoJson(a.boundaryGeoJson());
        List<AreaView.Ancestor> ancestors = ancestorAreas == null ? null : ancestorAreas.stream()
                .map(x -> new AreaView.Ancestor(x.code(), x.name(), x.nameEn(), x.level(), x.responsibleUnit()))
                .toList();
        return new AreaView(a.code(), a.name(), a.nameEn(), a.level(), a.parentCode(), a.path(), a.population(),
                a.responsibleUnit(), a.version(), a.createdAt(), a.updatedAt(), boundary, ancestors);
    }

    /** The children of {@code parentCode} (top-level areas if null) as map features; empty if it is unknown. */
    public Optional<AreaGeoJsonResource.FeatureCollection> childFeatures(String parentCode) {
        return repo.childShapes(parentCode).map(shapes -> new AreaGeoJsonResource.FeatureCollection(
                "FeatureCollection", shapes.stream().map(s -> new AreaGeoJsonResource.Feature("Feature", s.code(),
                        new AreaGeoJsonResource.FeatureProperties(s.code(), s.name(), s.level(), s.parentCode()),
                        geoJson(s.geometryGeoJson()))).toList()));
    }

    /** GeoJSON PostGIS wrote, as a tree (null stays null). */
    private JsonNode geoJson(String text) {
        if (text == null) {
            return null;
        }
        try {
            return json.readTree(text);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
