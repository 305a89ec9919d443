package org.civicsafety.assessment.workload;

import static io.restassured.RestAssured.given;
import static org.civicsafety.assessment.support.TestEvents.header;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.lessThanOrEqualTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.oneOf;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.cloudevents.CloudEvent;
import io.cloudevents.core.builder.CloudEventBuilder;
import io.cloudevents.core.message.Encoding;
import io.cloudevents.kafka.CloudEventSerializer;
import io.quarkus.test.junit.QuarkusIntegrationTest;
import io.restassured.RestAssured;
import io.restassured.filter.Filter;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.restassured.response.ValidatableResponse;
import io.restassured.specification.RequestSpecification;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.civicsafety.assessment.support.EventContract;
import org.junit.jupiter.api.Test;

/**
 * The training workload of assessment-service's AOT cache (quarkus.package.jar.aot): the packaged service runs with
 * {@code -XX:AOTMode=record} while this test feeds it what it lives on in production — the CloudEvents grid-service
 * and cases-service publish (binary mode, the producers' {@code ce_*}, X-Request-Id and traceparent headers, their
 * data as their READMEs give it) — and drives its API the way the analysts' and supervisors' consoles do, behind the
 * gateway, so that the classes and code paths of a real start and of the common work are in the cache.
 *
 * <p>
 * A county of five townships (two villages with a grid each) is published on {@code civicsafety.areas.v1}; analysts
 * upload the quarter's surveys (I9, I10). Then, for {@code workload.rounds} rounds (20 by default) — a day each —
 * incidents are reported, dispatched, started, resolved on time or late, verified, reopened, escalated, rejected or
 * linked as duplicates on {@code civicsafety.grid.v1}, and petitions are registered, assigned, accepted or not
 * accepted as repeats, answered, rated, reviewed, finalised or flagged overdue on {@code civicsafety.cases.v1}; the
 * service is awaited until the county's counters show the day, and then staff read rankings, explanations (zh-CN and
 * en), histories and warnings for the running window and the month; every third day a decision's social-stability
 * risk assessment is drawn up (factors, mitigations, decision, sometimes reopened or withdrawn); clients make the
 * usual mistakes. Every answer is checked, and the service's own events are checked on
 * {@code civicsafety.assessment.v1}.
 */
@QuarkusIntegrationTest
class WorkloadIT {
    static final int ROUNDS = Integer.getInteger("workload.rounds", 20);
    /** The test profile's Kafka, on the port the platform runs it (deploy/platform build_services). */
    static final String BOOTSTRAP = env("KAFKA_BOOTSTRAP_SERVERS", "127.0.0.1:19092");
    static final ObjectMapper JSON = new ObjectMapper();
    static final ZoneOffset CST = ZoneOffset.ofHours(8);
    static final List<String> INCIDENT_CATEGORIES = List.of("STREET_LIGHT", "RUBBISH", "ROAD_TRAFFIC_HAZARD",
            "FIRE_HAZARD", "FIGHT", "NEIGHBOUR_DISPUTE", "FLOOD_DRAINAGE", "THEFT");
    static final List<String> CHANNELS = List.of("ONLINE", "VISIT", "LETTER", "PHONE", "HOTLINE_12345");

    /** The gateway in front of the service: it adds these to every request it forwards. */
    static final Filter GATEWAY = (req, res, ctx) -> {
        req.header("X-Request-Id", UUID.randomUUID().toString());
        req.header("X-Forwarded-For", "10.20.0." + ThreadLocalRandom.current().nextInt(2, 250));
        req.header("X-Forwarded-Proto", "https");
        req.header("X-Forwarded-Host", "api.civicsafety.example");
        return ctx.next(req, res);
    };

    /** A grid with its village and township, and the path grid-service gives its incidents. */
    record Place(String township, String village, String grid) {
        List<String> path(String county) {
            return List.of(county, township, village, grid);
        }
    }

    String s;
    String county;
    final List<String> towns = new ArrayList<>();
    final List<Place> places = new ArrayList<>();
    String admin;
    String analyst;
    String countySupervisor;
    KafkaProducer<String, CloudEvent> producer;
    final List<Future<RecordMetadata>> sent = new ArrayList<>();
    /**
     * What each township's counters must show: incidents reported (and not taken back), cases registered. (The
     * county's own score is not read in the rounds: its siblings are every county of the shared test database.)
     */
    final Map<String, int[]> counted = new LinkedHashMap<>();
    int seq;
    int requests;
    int events;
    String decidedAssessment;

    @Test
    void aMonthOfSafetyAssessment() throws Exception {
        long t0 = System.nanoTime();
        RestAssured.filters(GATEWAY);
        try (KafkaProducer<String, CloudEvent> p = producer();
                KafkaConsumer<String, String> out = tail("civicsafety.assessment.v1")) {
            producer = p;
            setUpTheCounty();
            long t1 = System.nanoTime();
            for (int i = 0; i < ROUNDS; i++) {
                round(i);
            }
            long t2 = System.nanoTime();
            endOfMonth(out);
            System.out.printf("WORKLOAD assessment-service: set-up %d ms, rounds %d ms, end %d ms%n",
                    (t1 - t0) / 1_000_000, (t2 - t1) / 1_000_000, (System.nanoTime() - t2) / 1_000_000);
        } finally {
            RestAssured.replaceFiltersWith(List.of());
        }
        System.out.printf("WORKLOAD assessment-service: %d rounds, %d events, %d requests in %d ms%n", ROUNDS, events,
                requests, (System.nanoTime() - t0) / 1_000_000);
    }

    void setUpTheCounty() throws Exception {
        s = Long.toString(System.currentTimeMillis(), 36).toUpperCase()
                + ThreadLocalRandom.current().nextInt(100, 1000);
        county = "W" + s;
        admin = DevTokens.token("admin-" + s, "admin", null, null);
        analyst = DevTokens.token("analyst-" + s, "analyst", county, null);
        countySupervisor = DevTokens.token("sup-" + s, "supervisor", county, null);

        // The orchestrator's probes and the gateway fetching the API document come first.
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).ignoreExceptions().untilAsserted(
                () -> given().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP")));
        given().get("/q/health/live").then().statusCode(200);
        given().get("/q/openapi?format=json").then().statusCode(200).body("paths", hasKey("/api/v1/scores"));

        List<Map<String, Object>> areas = new ArrayList<>();
        areas.add(area(county, "滨海县" + s, "COUNTY", null, List.of(county), 250_000));
        for (int t = 1; t <= 5; t++) {
            String town = county + "-T0" + t;
            towns.add(town);
            counted.put(town, new int[2]);
            areas.add(area(town, "第" + t + "镇", "TOWNSHIP", county, List.of(county, town), 30_000 + 5_000 * t));
            for (int v = 1; v <= 2; v++) {
                String village = town + "-V0" + v;
                String grid = village + "-G01";
                places.add(new Place(town, village, grid));
                areas.add(area(village, "第" + v + "村", "VILLAGE", town, List.of(county, town, village), 4_000));
                areas.add(area(grid, "第1网格", "GRID", village, List.of(county, town, village, grid), 1_200));
            }
        }
        // The test profile's consumer starts at the end of the topics once it has its partitions, which this JVM
        // cannot see: publish the hierarchy (as grid-service does) until the service ranks the county's townships.
        await().alias("the service learns the county's areas").atMost(Duration.ofSeconds(90)).pollDelay(Duration.ZERO)
                .pollInterval(Duration.ofMillis(1500)).until(() -> {
                    if (given().auth().oauth2(admin).get("/api/v1/scores?parentCode=" + county).statusCode() == 200
                            && given().auth().oauth2(admin).get("/api/v1/scores?parentCode=" + towns.getLast())
                                    .jsonPath().getList("items").size() == 2) {
                        return true;
                    }
                    for (Map<String, Object> a : areas) {
                        publish("civicsafety.areas.v1", (String) a.get("code"), "org.civicsafety.area.upserted.v1",
                                "/grid-service", a);
                    }
                    flush();
                    return false;
                });
        as(analyst).get("/api/v1/scores?parentCode=" + county).then().statusCode(200).body("items", hasSize(5))
                .body("items.areaCode", containsInAnyOrder(towns.toArray()));

        // This quarter's and this month's surveys of every township, uploaded by the analysts.
        String quarter = quarter(LocalDate.now(CST));
        String month = YearMonth.now(CST).toString();
        for (int t = 0; t < towns.size(); t++) {
            for (String indicator : List.of("I9", "I10")) {
                as(analyst).header("Idempotency-Key", UUID.randomUUID().toString())
                        .body(Map.of("areaCode", towns.get(t), "period", t % 2 == 0 ? quarter : month, "indicator",
                                indicator, "value", 70 + 4 * t + ("I9".equals(indicator) ? 2 : 0), "sampleSize",
                                400 + 10 * t))
                        .post("/api/v1/surveys").then().statusCode(201);
            }
        }
        given().auth().oauth2(admin).get("/api/v1/scoring-models").then().statusCode(200)
                .body("items.size()", greaterThanOrEqualTo(1));
        given().auth().oauth2(admin).get("/api/v1/scoring-models/1").then().statusCode(200)
                .body("version", equalTo(1));
        requests += 2;
    }

    void round(int i) throws Exception {
        OffsetDateTime day = OffsetDateTime.now(CST).minusMinutes(5L * (ROUNDS - i)).truncatedTo(ChronoUnit.SECONDS);
        String lang = i % 3 == 0 ? "en" : "zh-CN";
        if (i % 5 == 0) {
            given().get("/q/health/ready").then().statusCode(200);
        }

        // The day's incidents from grid-service, whole life cycles, and the day's petitions from cases-service.
        for (int k = 0; k < 6; k++) {
            incident(i, k, places.get((i * 6 + k) % places.size()), day.plusSeconds(k));
        }
        for (int k = 0; k < 3; k++) {
            petition(i, k, places.get((i * 3 + k + 1) % places.size()), day.plusSeconds(10 + k));
        }
        flush();
        // Counters of every area up to the county move within seconds of the events.
        for (Map.Entry<String, int[]> t : counted.entrySet()) {
            int reported = t.getValue()[0];
            int registered = t.getValue()[1];
            await().alias("day " + i + " is counted in " + t.getKey()).atMost(Duration.ofSeconds(30))
                    .pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(100)).ignoreExceptions()
                    .untilAsserted(() -> {
                        JsonPath d = as(analyst).get("/api/v1/scores/" + t.getKey()).then().statusCode(200).extract()
                                .jsonPath();
                        assertEquals(reported, d.getDouble("indicators.find { it.id == 'I3' }.denominator"), 1e-9);
                        assertEquals(registered, d.getDouble("indicators.find { it.id == 'I6' }.denominator"), 1e-9);
                    });
        }

        // The consoles: the county's ranking, a township's explanation, a village's month, warnings.
        String town = towns.get(i % towns.size());
        Place place = places.get(i % towns.size() * 2 + i / towns.size() % 2);
        String supervisor = DevTokens.token("sup-" + s + "-" + town, "supervisor", town, null);
        as(analyst).get("/api/v1/scores?parentCode=" + county).then().statusCode(200).body("items", hasSize(5))
                .body("items.score", everyItem(allOf(greaterThanOrEqualTo(0f), lessThanOrEqualTo(100f))));
        as(analyst).header("Accept-Language", lang).get("/api/v1/scores/" + town).then().statusCode(200)
                .body("areaCode", equalTo(town)).body("period.key", equalTo("running"))
                .body("indicators.id", hasItems("I1", "I2", "I3", "I4", "I6", "I9", "I10"))
                .body("topLosers.size()", lessThanOrEqualTo(3)).body("coverage", notNullValue());
        as(supervisor).get("/api/v1/scores?parentCode=" + town).then().statusCode(200).body("items", hasSize(2));
        as(supervisor).get("/api/v1/scores/" + place.village() + "?period=" + YearMonth.now(CST)).then()
                .statusCode(200).body("period.key", equalTo(YearMonth.now(CST).toString()));
        as(supervisor).get("/api/v1/scores/" + place.grid()).then().statusCode(200)
                .body("level", equalTo("GRID")).body("parentCode", equalTo(place.village()));
        if (i % 2 == 0) {
            as(analyst).get("/api/v1/scores/" + town + "/history").then().statusCode(200)
                    .body("items[0].period", equalTo("running"));
            as(analyst).get("/api/v1/scores?level=TOWNSHIP&period=" + quarter(LocalDate.now(CST))).then()
                    .statusCode(200).body("items", hasSize(5));
            as(countySupervisor).get("/api/v1/warnings?areaCode=" + county).then().statusCode(200)
                    .body("items", notNullValue());
        }
        if (i % 3 == 1) {
            as(analyst).get("/api/v1/scores?parentCode=" + place.township() + "&period=" + LocalDate.now(CST).getYear())
                    .then().statusCode(200);
            as(countySupervisor).get("/api/v1/warnings?areaCode=" + town + "&type=TREND_ALERT&period=running").then()
                    .statusCode(200).body("items.type", everyItem(equalTo("TREND_ALERT")));
        }
        if (i % 3 == 2) {
            riskAssessment(i, town);
        }
        // the usual mistakes
        problem(as(analyst).get("/api/v1/scores/" + county + "-NOPE"), 404);
        if (i % 4 == 0) {
            problem(as(analyst).get("/api/v1/scores/" + town + "?period=2026-W1"), 400)
                    .body("errors[0].field", equalTo("period"));
            problem(given().auth().oauth2(DevTokens.token("citizen-" + s, "citizen", null, null))
                    .get("/api/v1/scores/" + town), 403);
            problem(given().get("/api/v1/warnings"), 401);
            requests += 2;
        }
    }

    /**
     * One incident's life as grid-service publishes it: reported and dispatched, then — by its number — handled
     * and verified, escalated first, reopened once, rejected, or linked as a duplicate (the last two are taken back).
     */
    void incident(int i, int k, Place p, OffsetDateTime at) throws Exception {
        String id = UUID.randomUUID().toString();
        String number = "SJ-" + at.getYear() + "-" + String.format("%06d", 100_000 + i * 10 + k);
        int n = i * 6 + k;
        String severity = n % 11 == 5 ? "MAJOR" : n % 4 == 1 ? "SERIOUS" : "GENERAL";
        String level = switch (severity) {
            case "MAJOR" -> "COUNTY";
            case "SERIOUS" -> "TOWNSHIP";
            default -> "VILLAGE";
        };
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("incidentId", id);
        d.put("number", number);
        d.put("categoryCode", INCIDENT_CATEGORIES.get(n % INCIDENT_CATEGORIES.size()));
        d.put("severity", severity);
        d.put("source", n % 3 == 0 ? "CITIZEN" : n % 7 == 0 ? "PARTNER" : "GRID_WORKER");
        d.put("areaCode", p.grid());
        d.put("path", p.path(county));
        d.put("level", level);
        d.put("assignedUnit", "unit-" + (level.equals("VILLAGE") ? p.village() : p.township()));
        d.put("dueAt", at.plusHours(72).toString());
        d.put("duplicateOf", null);
        int[] version = {0};
        java.util.function.BiConsumer<String, String> step = (kind, state) -> {
            d.put("state", state);
            d.put("version", ++version[0]);
            d.put("occurredAt", at.plusSeconds(version[0]).toString());
            publish("civicsafety.grid.v1", id, "org.civicsafety.incident." + kind + ".v1", "/grid-service", d);
        };
        if (i == 12 && k == 0) {
            // a fire with a death: a CRITICAL incident, its penalty and the veto of its township and county
            d.put("severity", "CRITICAL");
            d.put("level", "COUNTY");
            d.put("deaths", 1);
            step.accept("reported", "REPORTED");
            d.remove("deaths");
            step.accept("alert", "REPORTED");
            step.accept("dispatched", "DISPATCHED");
            counted.get(p.township())[0]++;
            return;
        }
        step.accept("reported", "REPORTED");
        if (n % 13 == 7) {
            d.put("duplicateOf", UUID.randomUUID().toString());
            step.accept("duplicate-linked", "DUPLICATE");
            return;
        }
        counted.get(p.township())[0]++;
        step.accept("dispatched", "DISPATCHED");
        switch (n % 9) {
            case 2 -> {
                step.accept("rejected", "REJECTED");
                counted.get(p.township())[0]--;
                return;
            }
            case 4 -> {
                if (!"COUNTY".equals(level)) {
                    d.put("fromLevel", level);
                    d.put("toLevel", "VILLAGE".equals(level) ? "TOWNSHIP" : "COUNTY");
                    d.put("level", d.get("toLevel"));
                    step.accept("escalated", "DISPATCHED");
                    d.remove("fromLevel");
                    d.remove("toLevel");
                }
            }
            case 6 -> {
                return; // still waiting for its unit
            }
            default -> {}
        }
        step.accept("started", "IN_PROGRESS");
        d.put("onTime", n % 5 != 3);
        step.accept("resolved", "RESOLVED");
        if (n % 8 == 5) {
            d.remove("onTime");
            step.accept("reopened", "IN_PROGRESS");
            d.put("onTime", true);
            step.accept("resolved", "RESOLVED");
        }
        d.remove("onTime");
        step.accept("verified", "CLOSED");
    }

    /** One petition's course as cases-service publishes it (no personal data: a pseudonymous petitioner). */
    void petition(int i, int k, Place p, OffsetDateTime at) throws Exception {
        String id = UUID.randomUUID().toString();
        int n = i * 3 + k;
        String area = n % 2 == 0 ? p.village() : p.township();
        List<String> path = n % 2 == 0 ? List.of(county, p.township(), p.village()) : List.of(county, p.township());
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("caseId", id);
        d.put("number", "XF-" + at.getYear() + "-" + String.format("%06d", 200_000 + n));
        d.put("channel", CHANNELS.get(n % CHANNELS.size()));
        d.put("type", n % 6 == 4 ? "SUGGESTION" : "REQUEST_GRIEVANCE");
        d.put("areaCode", area);
        d.put("path", path);
        d.put("unitId", null);
        d.put("petitionerRef", HexFormat.of().formatHex(
                java.security.MessageDigest.getInstance("SHA-256").digest(("petitioner-" + s + n).getBytes())));
        d.put("groupSize", n % 10 == 3 ? 15 : 1);
        d.put("repeat", false);
        d.put("repeatOf", null);
        int[] version = {0};
        java.util.function.BiConsumer<String, String> step = (kind, state) -> {
            d.put("state", state);
            d.put("version", ++version[0]);
            d.put("occurredAt", at.plusSeconds(version[0]).toString());
            publish("civicsafety.cases.v1", id, "org.civicsafety.case." + kind + ".v1", "/cases-service", d);
        };
        counted.get(p.township())[1]++;
        if (n % 7 == 3) {
            // the same petitioner on a matter in handling: recorded as a repeat, not accepted
            d.put("repeat", true);
            d.put("repeatOf", UUID.randomUUID().toString());
            d.put("dueAt", null);
            step.accept("registered", "NOT_ACCEPTED");
            return;
        }
        d.put("dueAt", at.plusDays(15).toString());
        step.accept("registered", "REGISTERED");
        if (n % 11 == 6) {
            step.accept("not-accepted", "NOT_ACCEPTED");
            return;
        }
        d.put("unitId", "unit-" + area);
        step.accept("assigned", "ASSIGNED");
        if (n % 9 == 8) {
            d.put("stage", "ACCEPTANCE");
            step.accept("overdue", "ASSIGNED");
            d.remove("stage");
            return;
        }
        d.put("onTime", n % 10 != 9);
        d.put("dueAt", at.plusDays(60).toString());
        step.accept("accepted", "IN_HANDLING");
        d.put("decision", List.of("SUPPORT", "EXPLAIN", "NOT_SUPPORT").get(n % 3));
        d.put("dueAt", at.plusDays(30).toString());
        step.accept("answered", "ANSWERED");
        d.remove("onTime");
        d.remove("decision");
        d.put("satisfaction", List.of("SATISFIED", "BASICALLY_SATISFIED", "DISSATISFIED").get(n % 3));
        d.put("stage", "HANDLING");
        step.accept("rated", "ANSWERED");
        d.remove("satisfaction");
        d.remove("stage");
        if (n % 4 == 1) {
            step.accept("review-requested", "IN_REVIEW");
            d.put("decision", "SUPPORT");
            step.accept("review-answered", "REVIEW_ANSWERED");
            d.remove("decision");
        }
        d.put("dueAt", null);
        step.accept("finalized", "FINAL");
    }

    /** A major decision's social-stability risk assessment, from draft to decision. */
    void riskAssessment(int i, String town) {
        String id = as(countySupervisor).header("Idempotency-Key", UUID.randomUUID().toString())
                .body(Map.of("title", "第" + (i + 1) + "号重大决策：垃圾中转站选址", "decisionOwner", "县人民政府",
                        "areaCodes", List.of(town), "oppositionRate", 5 + i % 30))
                .post("/api/v1/risk-assessments").then().statusCode(201).header("ETag", "\"1\"")
                .body("state", equalTo("DRAFT")).extract().path("id");
        String base = "/api/v1/risk-assessments/" + id;
        String land = as(analyst).body(Map.of("dimension", "CONTROLLABILITY", "category", "LAND_AND_DEMOLITION",
                "description", "涉及" + (20 + i) + "户搬迁", "likelihood", 4, "consequence", 4)).post(base + "/factors")
                .then().statusCode(201).body("inherentLevel", equalTo("HIGH")).extract().path("factors[0].id");
        String legal = as(analyst).body(Map.of("dimension", "LEGALITY", "category", "PLANNING_AND_APPROVALS",
                "description", "用地规划许可尚在审批", "likelihood", 3, "consequence", 2)).post(base + "/factors")
                .then().statusCode(201).body("factors[1].level", equalTo("MEDIUM")).extract().path("factors[1].id");
        as(analyst).body(Map.of("dimension", "REASONABLENESS", "category", "LIVING_ENVIRONMENT", "description",
                "运输车辆噪声影响周边居民", "likelihood", 2, "consequence", 3)).post(base + "/factors").then()
                .statusCode(201);
        as(analyst).body(Map.of("factorId", land, "measure", "签订补偿安置协议", "owner", "镇政府", "deadline",
                LocalDate.now(CST).plusMonths(3).toString(), "residualLikelihood", 2, "residualConsequence", 2))
                .post(base + "/mitigations").then().statusCode(201).body("impliedDecision", equalTo("DO_NOT_PROCEED"))
                .body("explanation.legalityGate", equalTo(true));
        as(analyst).body(Map.of("factorId", legal, "measure", "先取得规划许可再动工", "owner", "自然资源局", "deadline",
                LocalDate.now(CST).plusMonths(1).toString(), "residualLikelihood", 1, "residualConsequence", 2))
                .post(base + "/mitigations").then().statusCode(201).body("residualLevel", oneOf("LOW", "MEDIUM"));
        String etag = as(countySupervisor).get(base).then().statusCode(200).body("factors", hasSize(3))
                .body("allowedActions", hasItem("DECIDE")).extract().header("ETag");
        problem(as(countySupervisor).header("If-Match", "\"1\"").body(Map.of("action", "DECIDE"))
                .post(base + "/transitions"), 412);
        as(countySupervisor).header("If-Match", etag).body(Map.of("action", "DECIDE")).post(base + "/transitions")
                .then().statusCode(200).body("state", equalTo("DECIDED")).body("decision", notNullValue())
                .body("allowedActions", contains("REOPEN"));
        problem(as(analyst).body(Map.of("dimension", "FEASIBILITY", "category", "OTHER", "description", "迟到的因素",
                "likelihood", 1, "consequence", 1)).post(base + "/factors"), 409);
        decidedAssessment = id;
        if (i % 2 == 1) {
            // new facts: reopened and withdrawn
            as(countySupervisor).body(Map.of("action", "REOPEN")).post(base + "/transitions").then().statusCode(200)
                    .body("state", equalTo("DRAFT"));
            as(countySupervisor).body(Map.of("action", "WITHDRAW")).post(base + "/transitions").then()
                    .statusCode(200).body("state", equalTo("WITHDRAWN"));
        }
    }

    /** The month's end: the veto, the warnings, the history, and the service's own events. */
    void endOfMonth(KafkaConsumer<String, String> out) {
        if (ROUNDS > 12) {
            String vetoed = places.get(12 * 6 % places.size()).township();
            as(analyst).get("/api/v1/scores/" + vetoed).then().statusCode(200).body("veto", equalTo(true))
                    .body("grade", equalTo("UNQUALIFIED")).body("vetoTriggers.size()", greaterThanOrEqualTo(1));
            await().alias("the veto warning").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
                    .untilAsserted(() -> as(countySupervisor)
                            .get("/api/v1/warnings?areaCode=" + county + "&type=VETO&period=running").then()
                            .statusCode(200).body("items.areaCode", hasItem(vetoed)));
        }
        // score.changed for the county's townships, risk-assessment.decided for the last decision
        List<ConsumerRecord<String, String>> mine = new ArrayList<>();
        await().alias("the service's events").atMost(Duration.ofSeconds(30)).pollDelay(Duration.ZERO)
                .pollInterval(Duration.ofMillis(50)).until(() -> {
                    for (ConsumerRecord<String, String> r : out.poll(Duration.ofMillis(200))) {
                        if (r.key() != null && (r.key().startsWith(county) || r.key().equals(decidedAssessment))) {
                            mine.add(r);
                        }
                    }
                    return mine.stream().anyMatch(r -> "org.civicsafety.score.changed.v1".equals(header(r, "ce_type")))
                            && (decidedAssessment == null || mine.stream().anyMatch(
                                    r -> "org.civicsafety.risk-assessment.decided.v1".equals(header(r, "ce_type"))));
                });
        for (ConsumerRecord<String, String> r : mine) {
            assertEquals("/assessment-service", header(r, "ce_source"));
            EventContract.OWN.verify(r); // headers and data as asyncapi.yaml describes them
        }
        as(analyst).get("/api/v1/scores/" + towns.getFirst() + "/history").then().statusCode(200)
                .body("items[0].period", equalTo("running"));
        as(analyst).get("/api/v1/scores/" + towns.getLast() + "?period=" + YearMonth.now(CST)).then().statusCode(200)
                .body("indicators.find { it.id == 'I3' }.denominator", greaterThanOrEqualTo(1f));
    }

    // ---------------------------------------------------------------- helpers

    RequestSpecification as(String token) {
        requests++;
        return given().auth().oauth2(token).contentType(ContentType.JSON);
    }

    static ValidatableResponse problem(Response r, int status) {
        return r.then().statusCode(status).contentType("application/problem+json")
                .body("type", startsWith("https://civicsafety.org/problems/")).body("title", notNullValue());
    }

    /** A CloudEvent as the producers' outbox relays write it: binary mode, X-Request-Id and traceparent. */
    void publish(String topic, String key, String type, String source, Map<String, Object> data) {
        try {
            CloudEvent event = CloudEventBuilder.v1().withId(UUID.randomUUID().toString())
                    .withSource(URI.create(source)).withType(type).withTime(OffsetDateTime.now(ZoneOffset.UTC))
                    .withSubject(key).withDataContentType("application/json").withData(JSON.writeValueAsBytes(data))
                    .build();
            ProducerRecord<String, CloudEvent> r = new ProducerRecord<>(topic, key, event);
            r.headers().add("X-Request-Id", UUID.randomUUID().toString().getBytes(StandardCharsets.UTF_8));
            r.headers().add("traceparent", String.format("00-%032x-%016x-01", ++seq, seq)
                    .getBytes(StandardCharsets.UTF_8));
            sent.add(producer.send(r));
            events++;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Waits for the broker's acknowledgement of everything sent. */
    void flush() throws Exception {
        producer.flush();
        for (Future<RecordMetadata> f : sent) {
            f.get();
        }
        sent.clear();
    }

    static Map<String, Object> area(String code, String name, String level, String parent, List<String> path,
            long population) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("code", code);
        m.put("name", name);
        m.put("level", level);
        m.put("parentCode", parent);
        m.put("path", path);
        m.put("population", population);
        m.put("responsibleUnit", "unit-" + code);
        m.put("version", 1);
        m.put("occurredAt", OffsetDateTime.now(ZoneOffset.UTC).toString());
        return m;
    }

    static String quarter(LocalDate d) {
        return d.getYear() + "-Q" + ((d.getMonthValue() - 1) / 3 + 1);
    }

    static KafkaProducer<String, CloudEvent> producer() {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, BOOTSTRAP);
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        p.put(CloudEventSerializer.ENCODING_CONFIG, Encoding.BINARY.name());
        return new KafkaProducer<>(p, new StringSerializer(), new CloudEventSerializer());
    }

    static KafkaConsumer<String, String> tail(String topic) {
        Properties p = new Properties();
        p.put("bootstrap.servers", BOOTSTRAP);
        p.put("enable.auto.commit", "false");
        KafkaConsumer<String, String> c = new KafkaConsumer<>(p, new StringDeserializer(), new StringDeserializer());
        List<TopicPartition> parts = c.partitionsFor(topic).stream()
                .map(pi -> new TopicPartition(topic, pi.partition())).toList();
        c.assign(parts);
        c.seekToEnd(parts);
        parts.forEach(c::position);
        return c;
    }

    static String env(String name, String otherwise) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? otherwise : value;
    }

}
