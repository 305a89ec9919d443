package org.civicsafety.assessment.support;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.restassured.path.json.JsonPath;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;

/** Builds test hierarchies and publishes incident/case events as grid-service and cases-service would. */
public final class Flow {
    private Flow() {}

    public record County(String code, List<String> towns) {
        public List<String> path(String town) {
            return List.of(code, town);
        }
    }

    /** A county (population 10,000 per town) with n townships of 10,000 people each; waits until all are known. */
    public static County county(int towns) {
        String c = "C" + TestEvents.suffix();
        TestEvents.publishArea(c, "County " + c, "COUNTY", null, List.of(c), 10_000L * towns, 1);
        List<String> ts = new ArrayList<>();
        for (int i = 1; i <= towns; i++) {
            String t = c + "-T" + i;
            ts.add(t);
            TestEvents.publishArea(t, "Town " + i, "TOWNSHIP", c, List.of(c, t), 10_000, 1);
        }
        Wait.until(Duration.ofSeconds(30), () -> given().auth().oauth2(Tokens.admin()).queryParam("parentCode", c)
                .when().get("/api/v1/scores").then().extract().statusCode() == 200
                && given().auth().oauth2(Tokens.admin()).queryParam("parentCode", c).when().get("/api/v1/scores")
                        .then().extract().jsonPath().getList("items").size() == towns);
        return new County(c, ts);
    }

    public static ObjectNode incident(String id, long version, String area, List<String> path, String severity,
            OffsetDateTime at) {
        ObjectNode n = TestEvents.JSON.createObjectNode();
        n.put("incidentId", id).put("number", "SJ-" + id).put("categoryCode", "ROAD").put("severity", severity)
                .put("source", "APP").put("areaCode", area).put("state", "REPORTED").put("level", "VILLAGE")
                .put("version", version).put("occurredAt", at.toString());
        path.forEach(n.putArray("path")::add);
        return n;
    }

    public static String publishIncident(String kind, ObjectNode data) {
        return TestEvents.publish("civicsafety.grid.v1", data.get("incidentId").asText(),
                "org.civicsafety.incident." + kind + ".v1", "/grid-service", data);
    }

    /** n incidents reported and then resolved (on time or late) at the given time. */
    public static void incidents(String area, List<String> path, int n, String severity, boolean onTime,
            OffsetDateTime at) {
        for (int i = 0; i < n; i++) {
            String id = UUID.randomUUID().toString();
            publishIncident("reported", incident(id, 1, area, path, severity, at));
            publishIncident("resolved",
                    incident(id, 2, area, path, severity, at).put("onTime", onTime).put("state", "RESOLVED"));
        }
    }

    public static ObjectNode caseData(String id, long version, String area, List<String> path, OffsetDateTime at) {
        ObjectNode n = TestEvents.JSON.createObjectNode();
        n.put("caseId", id).put("number", "XF-" + id).put("channel", "ONLINE").put("type", "COMPLAINT")
                .put("areaCode", area).put("state", "REGISTERED").put("petitionerRef", "ref-" + id).put("groupSize", 1)
                .put("repeat", false).put("version", version).put("occurredAt", at.toString());
        path.forEach(n.putArray("path")::add);
        return n;
    }

    public static String publishCase(String kind, ObjectNode data) {
        return TestEvents.publish("civicsafety.cases.v1", data.get("caseId").asText(),
                "org.civicsafety.case." + kind + ".v1", "/cases-service", data);
    }

    /** mediation-design.md's data of a mediation event (no personal data); {@code outcome} null while open. */
    public static ObjectNode mediation(String id, long version, String area, List<String> path, String level,
            String state, String outcome, OffsetDateTime at) {
        ObjectNode n = TestEvents.JSON.createObjectNode();
        n.put("mediationId", id).put("number", "TJ-2026-" + id.substring(0, 6)).put("type", "PEOPLES")
                .put("areaCode", area).put("level", level).put("state", state).put("outcome", outcome)
                .putNull("referral").putNull("sourceIncidentId").putNull("sourceCaseId").put("partyCount", 2)
                .put("durationDays", 3).put("version", version).put("occurredAt", at.toString());
        path.forEach(n.putArray("path")::add);
        return n;
    }

    public static String publishMediation(String kind, ObjectNode data) {
        return TestEvents.publish("civicsafety.cases.v1", data.get("mediationId").asText(),
                "org.civicsafety.mediation." + kind + ".v1", "/cases-service", data);
    }

    /** n mediations opened and concluded with {@code outcome} at {@code at}, held at {@code level}. */
    public static void mediations(String area, List<String> path, String level, int n, String outcome,
            OffsetDateTime at) {
        for (int i = 0; i < n; i++) {
            String id = UUID.randomUUID().toString();
            publishMediation("opened", mediation(id, 1, area, path, level, "OPEN", null, at));
            publishMediation("concluded", mediation(id, 4, area, path, level,
                    "AGREED".equals(outcome) ? "AGREED" : "ENDED", outcome, at));
        }
    }

    /** The version of the scoring model now active. */
    public static int activeModelVersion() {
        return given().auth().oauth2(Tokens.admin()).when().get("/api/v1/scoring-models").then().statusCode(200)
                .extract().path("items.find { it.active }.version");
    }

    public static OffsetDateTime now() {
        return OffsetDateTime.now(ZoneOffset.ofHours(8));
    }

    public static void survey(String area, String period, String indicator, double value, int sample) {
        given().auth().oauth2(Tokens.token("analyst", area)).contentType("application/json")
                .body(Map.of("areaCode", area, "period", period, "indicator", indicator, "value", value, "sampleSize",
                        sample))
                .when().post("/api/v1/surveys").then().statusCode(201);
    }

    public static JsonPath detail(String area, String period) {
        var req = given().auth().oauth2(Tokens.admin());
        if (period != null)
            req = req.queryParam("period", period);
        return req.when().get("/api/v1/scores/" + area).then().statusCode(200).extract().jsonPath();
    }

    /** An indicator's field from a score explanation. */
    public static Object indicator(JsonPath detail, String id, String field) {
        return detail.get("indicators.find { it.id == '" + id + "' }." + field);
    }

    public static JsonPath list(String parent, String period) {
        var req = given().auth().oauth2(Tokens.admin()).queryParam("parentCode", parent);
        if (period != null)
            req = req.queryParam("period", period);
        return req.when().get("/api/v1/scores").then().statusCode(200).extract().jsonPath();
    }
}
