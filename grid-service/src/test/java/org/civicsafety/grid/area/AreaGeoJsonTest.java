package org.civicsafety.grid.area;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import org.civicsafety.grid.Fixtures;
import org.civicsafety.grid.Tokens;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

@QuarkusTest
class AreaGeoJsonTest {
    /** Vertices of each test boundary: a surveyed township line has thousands. */
    static final int VERTICES = 1500;
    static final double CELL = 0.07;

    /**
     * A township's boundary as survey data draws it: a lobed outline (a few large bends, smaller ones, and metre-level
     * jitter) of {@link #VERTICES} positions with 9 decimals, around (lon, lat).
     */
    static Map<String, Object> detailedBoundary(double lon, double lat, double radius) {
        ThreadLocalRandom r = ThreadLocalRandom.current();
        double p1 = r.nextDouble(6.3);
        double p2 = r.nextDouble(6.3);
        double p3 = r.nextDouble(6.3);
        List<List<Double>> ring = new ArrayList<>();
        for (int i = 0; i < VERTICES; i++) {
            double t = 2 * Math.PI * i / VERTICES;
            double k = 1 + 0.12 * Math.sin(3 * t + p1) + 0.06 * Math.sin(7 * t + p2) + 0.03 * Math.sin(17 * t + p3)
                    + 0.01 * Math.sin(53 * t) + r.nextDouble(-0.003, 0.003);
            ring.add(List.of(round9(lon + radius * k * Math.cos(t)), round9(lat + radius * k * Math.sin(t))));
        }
        ring.add(ring.get(0));
        return Map.of("type", "Polygon", "coordinates", List.of(ring));
    }

    private static double round9(double v) {
        return Math.round(v * 1e9) / 1e9;
    }

    @Test
    void fiftyDetailedChildrenAreSimplifiedUnder100KilobytesInCodeOrder() {
        String county = "GJ" + Fixtures.suffix();
        double lon = Math.round(ThreadLocalRandom.current().nextDouble(-170, 160) * 1000) / 1000.0;
        double lat = Math.round(ThreadLocalRandom.current().nextDouble(-70, 60) * 1000) / 1000.0;
        List<Map<String, Object>> features = new ArrayList<>();
        features.add(AreaImportTest.feature(county, "COUNTY", null, Fixtures.square(lon, lat, 10 * CELL)));
        List<String> codes = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            String code = county + "-T" + String.format("%02d", i);
            codes.add(code);
            features.add(AreaImportTest.feature(code, "TOWNSHIP", county, detailedBoundary(
                    lon + (i % 10 + 0.5) * CELL, lat + (i / 10 + 0.5) * CELL, CELL * 0.4)));
        }
        given().auth().oauth2(Tokens.admin()).contentType(ContentType.JSON)
                .body(AreaImportTest.collection(features)).post("/api/v1/areas/import").then().statusCode(200)
                .body("created", equalTo(51));

        Response answer = given().auth().oauth2(Tokens.token("u1", "citizen", null, null, null))
                .get("/api/v1/areas.geojson?parentCode=" + county);
        answer.then().statusCode(200).contentType(startsWith("application/geo+json"))
                .body("type", equalTo("FeatureCollection"))
                .body("features.id", contains(codes.toArray()))
                .body("features.properties.code", contains(codes.toArray()))
                .body("features[0].type", equalTo("Feature"))
                .body("features[0].properties.name", equalTo("Area " + codes.get(0)))
                .body("features.properties.level", everyItem(equalTo("TOWNSHIP")))
                .body("features.properties.parentCode", everyItem(equalTo(county)))
                .body("features.geometry.type", everyItem(equalTo("MultiPolygon")));
        byte[] body = answer.asByteArray();
        assertTrue(body.length <= 100 * 1024, "50 children take " + body.length + " bytes");
        String text = answer.asString();
        assertFalse(Pattern.compile("\\d\\.\\d{7,}").matcher(text).find(), "coordinates rounded to 6 decimals");
        // simplified, not emptied: each outline keeps its shape with a fraction of its vertices
        List<List<List<List<Double>>>> first = answer.path("features[0].geometry.coordinates");
        int kept = first.get(0).get(0).size();
        assertTrue(kept >= 12 && kept < VERTICES / 10, kept + " vertices kept of " + VERTICES);
    }

    @Test
    void childWithoutBoundaryHasANullGeometryAndAChildlessAreaAnEmptyCollection() {
        Fixtures.Hierarchy h = Fixtures.hierarchy();
        String bare = h.county() + "-T2";
        Fixtures.create(Fixtures.area(bare, "TOWNSHIP", h.county(), null));
        String token = Tokens.token("s1", "supervisor", h.county(), null, null);
        given().auth().oauth2(token).accept(ContentType.JSON).get("/api/v1/areas.geojson?parentCode=" + h.county())
                .then().statusCode(200).contentType(startsWith("application/json"))
                .body("features.id", contains(h.township(), bare))
                .body("features[0].geometry.type", equalTo("MultiPolygon"))
                .body("features[1].geometry", nullValue())
                .body("features[1].properties.parentCode", equalTo(h.county()));
        given().auth().oauth2(token).get("/api/v1/areas.geojson?parentCode=" + h.grid()).then().statusCode(200)
                .body("type", equalTo("FeatureCollection")).body("features", hasSize(0));
    }

    @Test
    void withoutParentCodeTheTopLevelAreas() {
        Fixtures.Hierarchy h = Fixtures.hierarchy();
        given().auth().oauth2(Tokens.token("u1", "citizen", null, null, null)).get("/api/v1/areas.geojson").then()
                .statusCode(200)
                .body("features.id", hasItem(h.county()))
                .body("features.id", not(hasItem(h.township())))
                .body("features.properties.parentCode", everyItem(nullValue()))
                .body("features.find { it.id == '" + h.county() + "' }.geometry.coordinates", notNullValue());
    }

    @Test
    void unknownParentIsA404ProblemAndAnonymousCallersA401() {
        given().auth().oauth2(Tokens.admin()).get("/api/v1/areas.geojson?parentCode=NOWHERE-" + Fixtures.suffix())
                .then().statusCode(404).contentType("application/problem+json")
                .body("type", notNullValue());
        given().auth().oauth2(Tokens.admin()).get("/api/v1/areas.geojson?parentCode=" + "x".repeat(65)).then()
                .statusCode(404);
        assertEquals(401, given().get("/api/v1/areas.geojson").statusCode());
    }
}
