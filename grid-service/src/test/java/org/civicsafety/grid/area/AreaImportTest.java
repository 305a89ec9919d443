package org.civicsafety.grid.area;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.civicsafety.grid.Fixtures;
import org.civicsafety.grid.TopicProbe;
import org.civicsafety.grid.Tokens;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.junit.jupiter.api.Assertions.assertTrue;

@QuarkusTest
class AreaImportTest {

    static Map<String, Object> feature(String code, String level, String parent, Map<String, Object> geometry) {
        Map<String, Object> props = new HashMap<>(Fixtures.area(code, level, parent, null));
        props.remove("boundary");
        Map<String, Object> f = new HashMap<>();
        f.put("type", "Feature");
        f.put("properties", props);
        f.put("geometry", geometry);
        return f;
    }

    static Map<String, Object> collection(List<Map<String, Object>> features) {
        return Map.of("type", "FeatureCollection", "features", features);
    }

    @Test
    void importsAHierarchyInAnyOrderAndPublishesEveryArea() throws Exception {
        String c = "I" + Fixtures.suffix();
        double lon = ThreadLocalRandom.current().nextDouble(-170, 170);
        double lat = ThreadLocalRandom.current().nextDouble(-70, 70);
        List<Map<String, Object>> fs = new ArrayList<>();
        // children before parents on purpose
        fs.add(feature(c + "-T-V-G1", "GRID", c + "-T-V", Fixtures.square(lon, lat, 0.01)));
        fs.add(feature(c + "-T-V-G2", "GRID", c + "-T-V", Fixtures.square(lon + 0.01, lat, 0.01)));
        fs.add(feature(c + "-T-V", "VILLAGE", c + "-T", Fixtures.square(lon, lat, 0.02)));
        fs.add(feature(c + "-T", "TOWNSHIP", c, null));
        fs.add(feature(c, "COUNTY", null, null));
        try (TopicProbe probe = new TopicProbe("civicsafety.areas.v1")) {
            given().auth().oauth2(Tokens.admin()).contentType(ContentType.JSON).body(collection(fs))
                    .post("/api/v1/areas/import").then().statusCode(200)
                    .body("total", equalTo(5)).body("created", equalTo(5)).body("updated", equalTo(0));
            String v = probe.await(TopicProbe.keyAndType(c + "-T-V-G2", AreaResourceTest.UPSERTED),
                    Duration.ofSeconds(20)).value();
            assertTrue(v.contains("\"path\":[\"" + c + "\",\"" + c + "-T\",\"" + c + "-T-V\",\"" + c + "-T-V-G2\"]"),
                    v);
        }
        given().auth().oauth2(Tokens.admin())
                .get("/api/v1/areas/locate?lat=" + (lat + 0.005) + "&lon=" + (lon + 0.015)).then().statusCode(200)
                .body("code", equalTo(c + "-T-V-G2"))
                .body("ancestors.code", contains(c, c + "-T", c + "-T-V"));
        // the same collection again updates instead of failing; GeoJSON's own media type (RFC 7946) is accepted
        given().auth().oauth2(Tokens.admin()).contentType("application/geo+json")
                .body(new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(collection(fs)))
                .post("/api/v1/areas/import").then().statusCode(200).body("updated", equalTo(5));
    }

    @Test
    void reportsEveryInvalidFeatureAndImportsNothing() {
        String c = "J" + Fixtures.suffix();
        List<Map<String, Object>> fs = new ArrayList<>();
        fs.add(feature(c, "COUNTY", null, null));
        fs.add(feature(c + "-T", "TOWNSHIP", c, null));
        fs.add(feature(c + "-G", "GRID", c + "-T", Fixtures.square(1, 1, 0.01))); // 2: wrong nesting
        fs.add(feature(c + "-V", "VILLAGE", c + "-T", Map.of("type", "Polygon", "coordinates",
                List.of(List.of(List.of(0, 0), List.of(1, 1), List.of(1, 0), List.of(0, 1), List.of(0, 0)))))); // 3
        fs.add(feature(c + "-V2", "HAMLET", c + "-T", null)); // 4: bad level
        fs.add(feature(c + "-V3", "VILLAGE", c + "-T", null));
        fs.add(feature(c + "-V3-G", "GRID", c + "-V3", null)); // 6: no boundary
        fs.add(feature(c + "-V3", "VILLAGE", c + "-T", null)); // 7: duplicate
        given().auth().oauth2(Tokens.admin()).contentType(ContentType.JSON).body(collection(fs))
                .post("/api/v1/areas/import").then().statusCode(400)
                .contentType("application/problem+json")
                .body("errors.field", hasItems("features[2].properties.parentCode", "features[3].geometry",
                        "features[4].properties.level", "features[6].properties.boundary",
                        "features[7].properties.code"));
        given().auth().oauth2(Tokens.admin()).get("/api/v1/areas/" + c).then().statusCode(404);
        given().auth().oauth2(Tokens.admin()).contentType(ContentType.JSON).body(Map.of("type", "Feature"))
                .post("/api/v1/areas/import").then().statusCode(400);
        given().auth().oauth2(Tokens.token("x", "supervisor", "C01", null, null)).contentType(ContentType.JSON)
                .body(collection(List.of())).post("/api/v1/areas/import").then().statusCode(403);
    }

    @Test
    void importsTenThousandGridsQuickly() {
        String c = "K" + Fixtures.suffix();
        double lon = ThreadLocalRandom.current().nextDouble(-170, 160);
        double lat = ThreadLocalRandom.current().nextDouble(-70, 60);
        List<Map<String, Object>> fs = new ArrayList<>();
        fs.add(feature(c, "COUNTY", null, null));
        fs.add(feature(c + "-T", "TOWNSHIP", c, null));
        fs.add(feature(c + "-V", "VILLAGE", c + "-T", null));
        for (int i = 0; i < 9_997; i++) {
            fs.add(feature(c + "-V-G" + i, "GRID", c + "-V",
                    Fixtures.square(lon + (i % 100) * 0.001, lat + (i / 100) * 0.001, 0.001)));
        }
        long start = System.nanoTime();
        given().auth().oauth2(Tokens.admin()).contentType(ContentType.JSON).body(collection(fs))
                .post("/api/v1/areas/import").then().statusCode(200).body("created", equalTo(10_000));
        long millis = (System.nanoTime() - start) / 1_000_000;
        // generous for a loaded CI machine; one transaction per feature would take minutes
        assertTrue(millis < 60_000, "import took " + millis + " ms");
    }

    @Test
    void demoCountyImportsAndNests() throws Exception {
        String demo = Files.readString(Path.of("../deploy/demo/county.geojson"));
        given().auth().oauth2(Tokens.admin()).contentType(ContentType.JSON).body(demo)
                .post("/api/v1/areas/import").then().statusCode(200).body("total", equalTo(25));
        given().auth().oauth2(Tokens.admin()).get("/api/v1/areas?parentCode=C01").then().statusCode(200)
                .body("items.code", contains("C01-T01", "C01-T02", "C01-T03"));
        // a point in the middle of the demo county's first township, lower village
        given().auth().oauth2(Tokens.admin()).get("/api/v1/areas/locate?lat=22.57&lon=113.95").then()
                .statusCode(200).body("level", equalTo("GRID"))
                .body("path[1]", equalTo("C01-T01")).body("path[2]", equalTo("C01-T01-V01"));
    }
}
