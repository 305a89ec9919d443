package org.civicsafety.grid;

import io.restassured.http.ContentType;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

import static io.restassured.RestAssured.given;

/** Builds a unique county > township > village > grid hierarchy at a random spot of the globe. */
public final class Fixtures {
    private Fixtures() {}

    public static String suffix() {
        return Long.toString(System.nanoTime(), 36) + ThreadLocalRandom.current().nextInt(1000);
    }

    /** A hierarchy whose grid is a 0.01° square with its south-west corner at (lon, lat). */
    public record Hierarchy(String county, String township, String village, String grid, double lon, double lat) {
        public double centerLon() {
            return lon + 0.005;
        }

        public double centerLat() {
            return lat + 0.005;
        }
    }

    public static Map<String, Object> square(double lon, double lat, double size) {
        return Map.of("type", "Polygon", "coordinates", List.of(List.of(
                List.of(lon, lat), List.of(lon + size, lat), List.of(lon + size, lat + size),
                List.of(lon, lat + size), List.of(lon, lat))));
    }

    public static Map<String, Object> area(String code, String level, String parent, Map<String, Object> boundary) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("code", code);
        m.put("name", "Area " + code);
        m.put("level", level);
        m.put("parentCode", parent);
        m.put("population", 1000);
        m.put("responsibleUnit", "unit-" + code);
        m.put("boundary", boundary);
        return m;
    }

    public static void create(Map<String, Object> area) {
        given().auth().oauth2(Tokens.admin()).contentType(ContentType.JSON).body(area)
                .post("/api/v1/areas").then().statusCode(201);
    }

    /** Puts a unit into the directory (created, or replaced when a test of an earlier run left it). */
    public static void unit(String id, String areaCode) {
        given().auth().oauth2(Tokens.admin()).contentType(ContentType.JSON)
                .body(Map.of("name", "Unit " + id, "areaCode", areaCode, "kind", "OTHER")).put("/api/v1/units/" + id)
                .then().statusCode(org.hamcrest.Matchers.oneOf(200, 201));
    }

    public static Hierarchy hierarchy() {
        String s = suffix();
        ThreadLocalRandom r = ThreadLocalRandom.current();
        double lon = Math.round((r.nextDouble(-170, 170)) * 1000) / 1000.0;
        double lat = Math.round((r.nextDouble(-70, 70)) * 1000) / 1000.0;
        Hierarchy h = new Hierarchy("C" + s, "C" + s + "-T1", "C" + s + "-T1-V1", "C" + s + "-T1-V1-G1", lon, lat);
        create(area(h.county(), "COUNTY", null, square(lon - 0.1, lat - 0.1, 0.3)));
        create(area(h.township(), "TOWNSHIP", h.county(), square(lon - 0.05, lat - 0.05, 0.2)));
        create(area(h.village(), "VILLAGE", h.township(), square(lon - 0.02, lat - 0.02, 0.1)));
        create(area(h.grid(), "GRID", h.village(), square(lon, lat, 0.01)));
        return h;
    }
}
