package org.civicsafety.gateway.e2e;

import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The first event path through the packaged platform: areas created in grid-service through the
 * gateway reach assessment-service over Kafka, also when Kafka was down while they were created.
 */
class AreaHierarchyFlowIT {
    private final String admin = Platform.token("e2e-admin", "admin", null);

    @Test
    void hierarchyCreatedThroughTheGatewayAppearsInAssessment() {
        String county = "E2E" + Platform.suffix();
        String township = county + "-T1";
        String village = township + "-V1";
        String grid = village + "-G1";
        create(area(county, "COUNTY", null));
        create(area(township, "TOWNSHIP", county));
        create(area(village, "VILLAGE", township));
        create(area(grid, "GRID", village));

        Duration took = Platform.await("the hierarchy in assessment-service", Duration.ofSeconds(10),
                () -> childrenInAssessment(county).contains(township)
                        && childrenInAssessment(township).contains(village)
                        && childrenInAssessment(village).contains(grid));
        System.out.printf("hierarchy of 4 areas visible in assessment-service after %d ms%n", took.toMillis());
    }

    @Test
    void relayCatchesUpAfterKafkaWasDown() {
        String county = "E2E" + Platform.suffix();
        String township = county + "-T1";
        create(area(county, "COUNTY", null));
        Platform.await("the county in assessment-service", Duration.ofSeconds(10), () -> knownToAssessment(county));

        Platform.script("kafka-stop");
        try {
            // Creates keep working while Kafka is down: the event waits in the outbox.
            create(area(township, "TOWNSHIP", county));
        } finally {
            Platform.script("kafka-start");
        }
        Duration took = Platform.await("the township created during the outage", Duration.ofSeconds(60),
                () -> childrenInAssessment(county).contains(township));
        System.out.printf("relay caught up %d ms after Kafka came back%n", took.toMillis());
    }

    private Map<String, Object> area(String code, String level, String parent) {
        Map<String, Object> area = new LinkedHashMap<>();
        area.put("code", code);
        area.put("name", "区域 " + code);
        area.put("level", level);
        area.put("parentCode", parent);
        area.put("population", 12000);
        area.put("responsibleUnit", "unit-" + code);
        if (level.equals("GRID")) {
            area.put("boundary", Map.of("type", "Polygon", "coordinates", List.of(List.of(
                    List.of(113.90, 22.50), List.of(113.91, 22.50), List.of(113.91, 22.51),
                    List.of(113.90, 22.51), List.of(113.90, 22.50)))));
        }
        return area;
    }

    private void create(Map<String, Object> area) {
        Platform.as(admin).contentType(ContentType.JSON).body(area)
                .post("/api/v1/areas").then().statusCode(201);
    }

    private List<String> childrenInAssessment(String parentCode) {
        var response = Platform.as(admin).queryParam("parentCode", parentCode).queryParam("limit", 500)
                .get("/api/v1/scores");
        return response.statusCode() == 200 ? response.jsonPath().getList("items.areaCode", String.class) : List.of();
    }

    /** An area assessment-service has not heard of is answered 404 as a parent. */
    private boolean knownToAssessment(String code) {
        return Platform.as(admin).queryParam("parentCode", code).get("/api/v1/scores").statusCode() == 200;
    }
}
