package org.civicsafety.cases.workload;

import static io.restassured.RestAssured.given;
import static org.civicsafety.cases.api.TestSupport.header;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.emptyOrNullString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.cloudevents.CloudEvent;
import io.cloudevents.core.builder.CloudEventBuilder;
import io.cloudevents.core.message.Encoding;
import io.cloudevents.kafka.CloudEventSerializer;
import io.quarkus.test.junit.QuarkusIntegrationTest;
import io.restassured.RestAssured;
import io.restassured.filter.Filter;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.civicsafety.cases.casefile.TestImages;
import org.civicsafety.cases.outbox.EventContract;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The training workload of cases-service's AOT cache (quarkus.package.jar.aot): the packaged service runs with
 * {@code -XX:AOTMode=record} while this test drives its API the way the platform's clients do in production —
 * behind the gateway (X-Request-Id, X-Forwarded-*), with development-IdP tokens — so that the classes and code
 * paths of a real start and of the common requests are in the cache.
 *
 * <p>
 * A county with two townships and a village in each is published on {@code civicsafety.areas.v1} as grid-service
 * does. Then, for {@code workload.rounds} rounds (20 by default): citizens register petitions online (retried with
 * their Idempotency-Key, a photo attached now and then) and follow them by tracking code; the petition office
 * registers visits, letters, calls, hotline tickets and faxes on petitioners' behalf; cases go through triage,
 * acceptance, answers, ratings, review, re-review with a hearing, extension, backlog and supervision, objection,
 * decline, diversion, non-acceptance and merges; repeat petitions are recognised; staff read lists with their
 * filters and paging, single cases, histories and statistics; clients make the usual mistakes (stale If-Match,
 * actions out of turn, invalid bodies, unknown ids). Every answer is checked, and the events of a case are checked
 * on {@code civicsafety.cases.v1}.
 */
@QuarkusIntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class WorkloadIT {
    static final int ROUNDS = Integer.getInteger("workload.rounds", 20);
    /** The infrastructure of the test profile, on the ports the platform runs it (deploy/platform build_services). */
    static final String BOOTSTRAP = env("KAFKA_BOOTSTRAP_SERVERS", "127.0.0.1:19092");
    static final String DB = "jdbc:postgresql://127.0.0.1:" + env("CIVIC_PG_PORT", "55432") + "/cases_test";
    static final String CASES_TOPIC = "civicsafety.cases.v1";
    static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    static final String DEADLINE = "\\d{4}-\\d{2}-\\d{2}T23:59:59\\+08:00";
    static final List<String> OFFICE_CHANNELS = List.of("VISIT", "LETTER", "PHONE", "HOTLINE_12345", "FAX");
    static final List<String> TOPICS = List.of("小区排水不畅", "拖欠工资", "噪声扰民", "道路破损", "违建占道", "物业纠纷",
            "征地补偿", "医保报销", "学区划分", "垃圾清运");
    static final List<String> SURNAMES = List.of("王", "李", "张", "刘", "陈", "杨", "赵", "黄", "周", "吴");

    /** The gateway in front of the service: it adds these to every request it forwards. */
    static final Filter GATEWAY = (req, res, ctx) -> {
        req.header("X-Request-Id", UUID.randomUUID().toString());
        req.header("X-Forwarded-For", "10.20.0." + ThreadLocalRandom.current().nextInt(2, 250));
        req.header("X-Forwarded-Proto", "https");
        req.header("X-Forwarded-Host", "api.civicsafety.example");
        return ctx.next(req, res);
    };

    String s;
    String county;
    List<String> towns;
    List<String> villages;
    String officer;
    String countySupervisor;
    String analyst;
    String admin;
    KafkaConsumer<String, String> casesTopic;
    final List<String> openCases = new ArrayList<>();
    final List<String> finalCases = new ArrayList<>();
    int requests;

    /** Runs inside the test: Quarkus points rest-assured at the service's random port only around each test. */
    void areasOfTheCounty() throws Exception {
        s = Long.toString(System.currentTimeMillis(), 36).toUpperCase()
                + ThreadLocalRandom.current().nextInt(100, 1000);
        county = "W" + s;
        towns = List.of(county + "-T01", county + "-T02");
        villages = List.of(towns.get(0) + "-V01", towns.get(1) + "-V01");
        officer = DevTokens.token("officer-" + s, "petition_officer", county, null);
        countySupervisor = DevTokens.token("sup-c-" + s, "supervisor", county, null);
        analyst = DevTokens.token("analyst-" + s, "analyst", county, null);
        admin = DevTokens.token("admin-" + s, "admin", null, null);
        casesTopic = tail(CASES_TOPIC);

        // The service's first requests: the orchestrator's probes, then the gateway fetching the API document.
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).ignoreExceptions().untilAsserted(
                () -> given().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP")));
        given().get("/q/health/live").then().statusCode(200);
        given().get("/q/openapi?format=json").then().statusCode(200).body("paths", hasKey("/api/v1/cases"));

        // The test profile's area consumer starts at the end of the topic once it has its partitions, which this
        // JVM cannot see: publish the hierarchy (as grid-service does) until the service has it.
        List<Map<String, Object>> areas = new ArrayList<>();
        areas.add(area(county, "滨海新区" + s, "COUNTY", null, List.of(county), 180_000));
        for (int t = 0; t < 2; t++) {
            areas.add(area(towns.get(t), "第" + (t + 1) + "镇", "TOWNSHIP", county, List.of(county, towns.get(t)),
                    40_000));
            areas.add(area(villages.get(t), "第" + (t + 1) + "村", "VILLAGE", towns.get(t),
                    List.of(county, towns.get(t), villages.get(t)), 3_000));
        }
        // ...and the units the rounds assign cases to, as grid-service's directory publishes them
        List<Map<String, Object>> units = new ArrayList<>();
        for (int v = 0; v < 2; v++) {
            units.add(unit("unit-" + s + "-water-" + v, "第" + (v + 1) + "村水务站", villages.get(v)));
        }
        for (int k = 0; k < 3; k++) {
            units.add(unit("unit-" + s + "-office-" + k, "第" + (k + 1) + "办公室", county));
        }
        try (KafkaProducer<String, CloudEvent> producer = producer()) {
            await().alias("the service learns the county's areas and units").atMost(Duration.ofSeconds(90))
                    .pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(1500)).until(() -> {
                        if (known("area", "code", areas) == areas.size()
                                && known("unit", "id", units) == units.size()) {
                            return true;
                        }
                        for (Map<String, Object> a : areas) {
                            publish(producer, "civicsafety.areas.v1", "org.civicsafety.area.upserted.v1",
                                    (String) a.get("code"), a);
                        }
                        for (Map<String, Object> u : units) {
                            publish(producer, "civicsafety.units.v1", "org.civicsafety.unit.upserted.v1",
                                    (String) u.get("id"), u);
                        }
                        producer.flush();
                        return false;
                    });
        }
    }

    @AfterAll
    void close() {
        if (casesTopic != null) {
            casesTopic.close();
        }
    }

    @Test
    void aMonthOfThePetitionOffice() throws Exception {
        long t0 = System.nanoTime();
        RestAssured.filters(GATEWAY);
        try {
            areasOfTheCounty();
            long t1 = System.nanoTime();
            for (int i = 0; i < ROUNDS; i++) {
                round(i);
            }
            System.out.printf("WORKLOAD cases-service: set-up %d ms, rounds %d ms%n", (t1 - t0) / 1_000_000,
                    (System.nanoTime() - t1) / 1_000_000);
            staffReadTheLedger();
            eventsOfACaseArePublished(finalCases.getLast());
        } finally {
            RestAssured.replaceFiltersWith(List.of());
        }
        System.out.printf("WORKLOAD cases-service: %d rounds, %d requests in %d ms%n", ROUNDS, requests,
                (System.nanoTime() - t0) / 1_000_000);
    }

    void round(int i) throws Exception {
        int v = i % 2;
        String village = villages.get(v);
        String town = towns.get(v);
        String unit = "unit-" + s + "-water-" + v;
        String citizenSub = "citizen-" + s + "-" + i;
        String citizen = DevTokens.token(citizenSub, "citizen", null, null);
        String handler = DevTokens.token("handler-" + s + "-" + v, "handler", village, unit);
        String townSupervisor = DevTokens.token("sup-t-" + s + "-" + v, "supervisor", town, null);
        String villageSupervisor = DevTokens.token("sup-v-" + s + "-" + v, "supervisor", village, null);

        if (i % 5 == 0) {
            given().get("/q/health/ready").then().statusCode(200);
        }

        // A citizen registers online, retrying once as a flaky mobile connection does.
        Map<String, Object> body = petition("ONLINE", "REQUEST_GRIEVANCE", village, i);
        String key = UUID.randomUUID().toString();
        Response created = as(citizen).header("Idempotency-Key", key).body(body).post("/api/v1/cases");
        created.then().statusCode(201).header("ETag", "\"1\"").header("Location", containsString("/api/v1/cases/"))
                .body("number", matchesPattern("XF-\\d{4}-\\d{6}"))
                .body("trackingCode", matchesPattern("[23456789ABCDEFGHJKMNPQRSTUVWXYZ]{12}"))
                .body("state", equalTo("REGISTERED")).body("deadlines.triage", matchesPattern(DEADLINE))
                .body("petitioner.idNumber", equalTo(petitioner(body).get("idNumber")))
                .body("similarCases", hasSize(0));
        String a = created.path("id");
        String tracking = created.path("trackingCode");
        if (i % 3 == 0) {
            as(citizen).header("Idempotency-Key", key).body(body).post("/api/v1/cases").then().statusCode(201)
                    .body("id", equalTo(a)).body("trackingCode", equalTo(tracking));
        }
        if (i % 4 == 1) {
            photo(citizen, a, i);
        }
        track(tracking, "REGISTERED");
        as(citizen).get("/api/v1/cases?limit=20").then().statusCode(200).body("items.id", hasItem(a))
                .body("items[0]", not(hasKey("petitioner")));

        // Triage by the petition office, acceptance and answer by the unit.
        String etag = as(officer).get("/api/v1/cases/" + a).then().statusCode(200)
                .body("allowedActions", hasItems("ASSIGN", "DIVERT", "NOT_ACCEPT", "MERGE"))
                .body("petitioner.phone", equalTo(petitioner(body).get("phone")))
                .extract().header("ETag");
        act(officer, a, etag, Map.of("action", "ASSIGN", "unitId", unit, "unitAreaCode", village), "ASSIGNED");
        if (i % 6 == 2) {
            // Someone else moved first: the stale version is refused.
            problem(as(officer).header("If-Match", etag)
                    .body(Map.of("action", "NOT_ACCEPT", "reason", "duplicate")).post(transitions(a)), 412);
        }
        as(handler).get("/api/v1/cases/" + a).then().statusCode(200)
                .body("allowedActions", hasItems("ACCEPT", "DECLINE", "OBJECT"))
                .body("petitioner.idNumber", matchesPattern("\\d{6}\\*{8}[0-9X]{4}"))
                .body("deadlines.acceptance", matchesPattern(DEADLINE));
        as(handler).get("/api/v1/cases?unitId=" + unit + "&state=ASSIGNED").then().statusCode(200)
                .body("items.id", hasItem(a));
        act(handler, a, null, Map.of("action", "ACCEPT"), "IN_HANDLING");
        String decision = List.of("SUPPORT", "EXPLAIN", "NOT_SUPPORT").get(i % 3);
        act(handler, a, null, Map.of("action", "ANSWER", "decision", decision, "text", "经核查，" + words(10)),
                "ANSWERED");
        track(tracking, "ANSWERED").body("decision", equalTo(decision)).body("answerText", containsString("经核查"));
        as(citizen).get("/api/v1/cases/" + a).then().statusCode(200)
                .body("allowedActions", hasItems("REQUEST_REVIEW", "ACCEPT_ANSWER", "RATE"));
        String[] ratings = {"SATISFIED", "BASICALLY_SATISFIED", "DISSATISFIED"};
        act(citizen, a, null, Map.of("action", "RATE", "satisfaction", ratings[i % 3], "comment", "回复" + words(2)),
                "ANSWERED");
        switch (i % 3) {
            case 0 -> act(citizen, a, null, Map.of("action", "ACCEPT_ANSWER"), "FINAL");
            case 1 -> {
                act(citizen, a, null, Map.of("action", "REQUEST_REVIEW", "reason", "对答复不服"), "IN_REVIEW");
                problem(as(villageSupervisor)
                        .body(Map.of("action", "ANSWER_REVIEW", "decision", "SUPPORT", "text", "x"))
                        .post(transitions(a)), 403);
                act(townSupervisor, a, null, Map.of("action", "ANSWER_REVIEW", "decision", "SUPPORT", "text",
                        "复查维持原处理意见。"), "REVIEW_ANSWERED");
                // the office records the call-back rating, the petitioner accepts
                act(officer, a, null, Map.of("action", "RATE", "satisfaction", "BASICALLY_SATISFIED"),
                        "REVIEW_ANSWERED");
                act(citizen, a, null, Map.of("action", "ACCEPT_ANSWER"), "FINAL");
            }
            default -> {
                act(citizen, a, null, Map.of("action", "REQUEST_REVIEW"), "IN_REVIEW");
                act(townSupervisor, a, null, Map.of("action", "ANSWER_REVIEW", "decision", "EXPLAIN", "text",
                        "复查意见：" + words(6)), "REVIEW_ANSWERED");
                act(citizen, a, null, Map.of("action", "REQUEST_RE_REVIEW"), "IN_RE_REVIEW");
                act(countySupervisor, a, null, Map.of("action", "START_HEARING"), "IN_RE_REVIEW");
                as(countySupervisor).get("/api/v1/cases/" + a).then().statusCode(200)
                        .body("flags.hearing", is(true)).body("dueAt", nullValue());
                problem(as(countySupervisor)
                        .body(Map.of("action", "ANSWER_RE_REVIEW", "decision", "SUPPORT", "text", "x"))
                        .post(transitions(a)), 409);
                act(countySupervisor, a, null, Map.of("action", "END_HEARING"), "IN_RE_REVIEW");
                act(countySupervisor, a, null, Map.of("action", "ANSWER_RE_REVIEW", "decision", "NOT_SUPPORT",
                        "text", "复核意见：" + words(6)), "FINAL");
                act(citizen, a, null, Map.of("action", "RATE", "satisfaction", "DISSATISFIED"), "FINAL");
            }
        }
        finalCases.add(a);
        track(tracking, "FINAL");
        // An action out of turn, in English.
        problem(as(citizen).header("Accept-Language", "en").body(Map.of("action", "REQUEST_REVIEW"))
                .post(transitions(a)), 409).body("title", notNullValue());
        as(citizen).get("/api/v1/cases/" + a + "/history").then().statusCode(200)
                .body("items[0].action", equalTo("REGISTER")).body("items.action", hasItems("ASSIGN", "ANSWER"));

        // The petition office registers a petition that came in another way, on the petitioner's behalf.
        String channel = OFFICE_CHANNELS.get(i % OFFICE_CHANNELS.size());
        String type = i % 7 == 3 ? "MISCONDUCT_REPORT" : i % 4 == 2 ? "SUGGESTION" : "REQUEST_GRIEVANCE";
        Map<String, Object> onBehalf = petition(channel, type, i % 3 == 0 ? town : village, i);
        if (i % 2 == 0) {
            onBehalf.put("petitionerUserId", citizenSub);
        }
        if (i % 5 == 4) {
            onBehalf.put("groupSize", 12 + i);
            onBehalf.put("representatives", List.of(Map.of("name", name(), "phone", phone()),
                    Map.of("name", name(), "phone", phone()), Map.of("name", name(), "phone", phone())));
        }
        Response b = as(officer).header("Idempotency-Key", UUID.randomUUID().toString()).body(onBehalf)
                .post("/api/v1/cases");
        b.then().statusCode(201).body("state", equalTo("REGISTERED")).body("channel", equalTo(channel))
                .body("type", equalTo(type));
        String bId = b.path("id");
        if ("MISCONDUCT_REPORT".equals(type)) {
            as(countySupervisor).get("/api/v1/cases/" + bId).then().statusCode(200)
                    .body("$", not(hasKey("petitioner"))).body("flags.confidentialReporter", is(true));
        } else {
            as(countySupervisor).get("/api/v1/cases/" + bId).then().statusCode(200)
                    .body("petitioner.phone", matchesPattern("\\d{3}\\*{4}\\d{4}"));
        }
        track(b.path("trackingCode"), "REGISTERED");
        String bUnit = "unit-" + s + "-office-" + (i % 3);
        String bUnitArea = i % 3 == 0 ? town : village;
        String bHandler = DevTokens.token("handler-" + s + "-o" + (i % 3), "handler", bUnitArea, bUnit);
        switch (i % 5) {
            case 0 -> {
                act(officer, bId, null, Map.of("action", "ASSIGN", "unitId", bUnit, "unitAreaCode", bUnitArea),
                        "ASSIGNED");
                act(bHandler, bId, null, Map.of("action", "DECLINE", "reason", "不属于信访受理范围"), "DECLINED");
            }
            case 1 -> {
                act(officer, bId, null, Map.of("action", "ASSIGN", "unitId", bUnit, "unitAreaCode", bUnitArea),
                        "ASSIGNED");
                act(bHandler, bId, null, Map.of("action", "OBJECT", "reason", "非本单位职责"), "REGISTERED");
                act(officer, bId, null, Map.of("action", "DIVERT", "channel",
                        List.of("LITIGATION", "ARBITRATION", "ADMINISTRATIVE_REVIEW").get(i % 3)), "DIVERTED");
            }
            case 2 -> act(officer, bId, null, Map.of("action", "NOT_ACCEPT", "reason", "已通过其他法定途径处理"),
                    "NOT_ACCEPTED");
            case 3 -> {
                act(officer, bId, null, Map.of("action", "ASSIGN", "unitId", bUnit, "unitAreaCode", bUnitArea),
                        "ASSIGNED");
                act(bHandler, bId, null, Map.of("action", "ACCEPT"), "IN_HANDLING");
                problem(as(countySupervisor).body(Map.of("action", "EXTEND", "days", 45, "reason", "x"))
                        .post(transitions(bId)), 400).body("errors.field", hasItem("days"));
                act(countySupervisor, bId, null, Map.of("action", "EXTEND", "days", 30, "reason", "需现场勘查"),
                        "IN_HANDLING");
                superviseAsBacklog(bId);
                openCases.add(bId);
                if (!"MISCONDUCT_REPORT".equals(type)) {
                    repeatPetition(onBehalf, bId);
                }
            }
            default -> {
                if (openCases.isEmpty()) {
                    act(officer, bId, null, Map.of("action", "NOT_ACCEPT", "reason", "材料不全"), "NOT_ACCEPTED");
                } else {
                    // the same matter as a case in handling: folded into it
                    String survivor = openCases.getLast();
                    act(officer, bId, null, Map.of("action", "MERGE", "mergeInto", survivor), "MERGED");
                    as(officer).get("/api/v1/cases/" + bId).then().statusCode(200)
                            .body("mergedInto", equalTo(survivor));
                }
            }
        }

        // Staff at work: the lists they keep open, with their filters.
        lists(i, town, village, unit, handler, townSupervisor);
        if (i % 3 == 0) {
            stats(i);
        }
        // the usual mistakes
        problem(as(officer).get("/api/v1/cases/" + UUID.randomUUID()), 404);
        if (i % 4 == 0) {
            Map<String, Object> invalid = petition("ONLINE", "REQUEST_GRIEVANCE", village, i);
            invalid.remove("title");
            petitioner(invalid).put("phone", "not-a-phone");
            problem(as(citizen).body(invalid).post("/api/v1/cases"), 400)
                    .body("errors.field", hasItems("title", "petitioner.phone"));
            problem(given().get("/api/v1/cases"), 401);
            given().get("/api/v1/cases/track/ABCDEFGHJKMN").then().statusCode(404);
        }
    }

    /** A second petition of the same petitioner on the same matter while it is in handling: a repeat. */
    void repeatPetition(Map<String, Object> earlier, String earlierId) {
        Map<String, Object> again = new HashMap<>(earlier);
        again.put("channel", "PHONE");
        again.put("content", earlier.get("content") + " 至今未解决");
        again.remove("petitionerUserId");
        again.remove("groupSize");
        again.remove("representatives");
        Response r = as(officer).body(again).post("/api/v1/cases");
        r.then().statusCode(201).body("state", equalTo("NOT_ACCEPTED"))
                .body("notAcceptedReason", equalTo("REPEAT_IN_HANDLING")).body("repeatOf", equalTo(earlierId))
                .body("flags.repeat", is(true)).body("similarCases.id", hasItem(earlierId))
                .body("repeatOfProgress.state", equalTo("IN_HANDLING"));
        given().get("/api/v1/cases/track/" + r.path("trackingCode")).then().statusCode(200)
                .body("state", equalTo("NOT_ACCEPTED")).body("earlierCase.state", equalTo("IN_HANDLING"));
    }

    /** 包案 and 督办 by the county supervisor. */
    void superviseAsBacklog(String id) {
        String etag = as(countySupervisor).get("/api/v1/cases/" + id).then().statusCode(200).extract().header("ETag");
        as(countySupervisor).header("If-Match", etag)
                .body(Map.of("leader", "副县长" + name(), "plan", "三十日内完成整改：" + words(6), "targetDate",
                        LocalDate.now(SHANGHAI).plusDays(30).toString()))
                .post("/api/v1/cases/" + id + "/backlog").then().statusCode(200).body("flags.backlog", is(true))
                .body("backlog.reason", equalTo("SUPERVISOR"));
        as(countySupervisor).header("Idempotency-Key", UUID.randomUUID().toString())
                .body(Map.of("note", "督办：请于本周内反馈进展。")).post("/api/v1/cases/" + id + "/supervisions").then()
                .statusCode(201).body("id", notNullValue());
        as(countySupervisor).get("/api/v1/cases/" + id + "/supervisions").then().statusCode(200)
                .body("items", hasSize(1));
        as(countySupervisor).get("/api/v1/cases/" + id + "/history").then().statusCode(200)
                .body("items.action", hasItems("REGISTER", "ASSIGN", "ACCEPT", "EXTEND"));
    }

    /** A photo from a phone (EXIF GPS and XMP, stripped before storing), listed and downloaded by the office. */
    void photo(String citizen, String id, int i) throws Exception {
        byte[] jpeg = TestImages.jpegWithLocation();
        String key = UUID.randomUUID().toString();
        String url = given().auth().oauth2(citizen).header("Idempotency-Key", key)
                .multiPart("file", "现场照片-" + i + ".jpg", jpeg, "image/jpeg")
                .post("/api/v1/cases/" + id + "/attachments").then().statusCode(201)
                .body("mediaType", equalTo("image/jpeg")).body("url", containsString("/attachments/"))
                .extract().path("url");
        given().auth().oauth2(citizen).header("Idempotency-Key", key)
                .multiPart("file", "现场照片-" + i + ".jpg", jpeg, "image/jpeg")
                .post("/api/v1/cases/" + id + "/attachments").then().statusCode(201).body("url", equalTo(url));
        if (i % 8 == 1) {
            byte[] pdf = ("%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"
                    + words(20)).getBytes(StandardCharsets.US_ASCII);
            given().auth().oauth2(citizen).multiPart("file", "证明材料.pdf", pdf, "application/pdf")
                    .post("/api/v1/cases/" + id + "/attachments").then().statusCode(201)
                    .body("mediaType", equalTo("application/pdf"));
        }
        as(officer).get("/api/v1/cases/" + id + "/attachments").then().statusCode(200)
                .body("items.url", hasItem(url));
        byte[] stored = given().auth().oauth2(officer).get(url).then().statusCode(200)
                .contentType("image/jpeg").header("Content-Disposition", containsString("filename*=UTF-8''"))
                .extract().asByteArray();
        assertFalse(TestImages.contains(stored, "exif:GPSLatitude".getBytes(StandardCharsets.US_ASCII)),
                "the stored photo carries no location");
        requests += 5;
    }

    void lists(int i, String town, String village, String unit, String handler, String townSupervisor) {
        String today = LocalDate.now(SHANGHAI).toString();
        as(officer).get("/api/v1/cases?areaCode=" + county + "&state=REGISTERED&limit=20").then().statusCode(200)
                .body("items.state", everyItem(equalTo("REGISTERED")));
        String channel = OFFICE_CHANNELS.get(i % OFFICE_CHANNELS.size());
        as(officer).get("/api/v1/cases?areaCode=" + county + "&channel=" + channel + "&from=" + today + "&to="
                + today).then().statusCode(200).body("items.channel", everyItem(equalTo(channel)));
        as(townSupervisor).get("/api/v1/cases?areaCode=" + village + "&type=REQUEST_GRIEVANCE&state=FINAL")
                .then().statusCode(200).body("items.size()", greaterThanOrEqualTo(1));
        as(handler).get("/api/v1/cases?unitId=" + unit + "&limit=10").then().statusCode(200)
                .body("items.unitId", everyItem(equalTo(unit)));
        if (i % 2 == 0) {
            Response page = as(officer).get("/api/v1/cases?areaCode=" + town + "&limit=3");
            page.then().statusCode(200).body("items.size()", greaterThanOrEqualTo(1));
            String cursor = page.path("nextCursor");
            if (cursor != null) {
                as(officer).queryParam("cursor", cursor).get("/api/v1/cases?areaCode=" + town + "&limit=3").then()
                        .statusCode(200);
            }
            as(countySupervisor).get("/api/v1/cases?backlog=true&areaCode=" + county).then().statusCode(200);
            as(countySupervisor).get("/api/v1/cases?overdue=true&areaCode=" + county).then().statusCode(200)
                    .body("items", hasSize(0));
        }
        if (i % 3 == 1) {
            as(officer).get("/api/v1/cases?q=" + TOPICS.get(i % TOPICS.size()) + "&areaCode=" + county).then()
                    .statusCode(200).body("items.size()", greaterThanOrEqualTo(1));
            problem(as(officer).get("/api/v1/cases?state=SOMEWHERE"), 400);
        }
        requests += 9;
    }

    void stats(int i) {
        String year = Integer.toString(LocalDate.now(SHANGHAI).getYear());
        as(analyst).get("/api/v1/cases/stats?areaCode=" + county + "&from=" + year + "-01-01&to=" + year + "-12-31")
                .then().statusCode(200).body("total", greaterThanOrEqualTo(2 * (i + 1)))
                .body("byChannel.ONLINE", greaterThanOrEqualTo(i + 1)).body("byState.FINAL", greaterThanOrEqualTo(1))
                .body("onTimeAcceptanceRate", equalTo(1.0f)).body("repeatRate", notNullValue());
        as(countySupervisor).get("/api/v1/cases/stats?areaCode=" + towns.get(i % 2)).then().statusCode(200)
                .body("total", greaterThanOrEqualTo(1));
        if (i % 9 == 0) {
            given().auth().oauth2(admin).get("/api/v1/calendar/holidays").then().statusCode(200)
                    .body("days.size()", greaterThanOrEqualTo(1));
            given().get("/q/metrics").then().statusCode(200).body(containsString("http_server_requests_seconds"));
        }
        requests += 3;
    }

    /** The ledger and the county's figures at the end of the month. */
    void staffReadTheLedger() {
        as(countySupervisor).get("/api/v1/cases?backlog=true&areaCode=" + county + "&limit=100").then()
                .statusCode(200).body("items.id", hasItems(openCases.toArray()))
                .body("items.backlog.leader", everyItem(not(emptyOrNullString())));
        as(analyst).get("/api/v1/cases/stats?areaCode=" + county).then().statusCode(200)
                .body("byState.FINAL", greaterThanOrEqualTo(finalCases.size()))
                .body("satisfactionRate", notNullValue()).body("resolutionRate", notNullValue());
    }

    /** The outbox relay publishes each change of a case, in order, as binary-mode CloudEvents following asyncapi.yaml. */
    void eventsOfACaseArePublished(String id) {
        List<ConsumerRecord<String, String>> mine = new ArrayList<>();
        await().alias("the events of case " + id).atMost(Duration.ofSeconds(30)).pollDelay(Duration.ZERO)
                .pollInterval(Duration.ofMillis(50)).until(() -> {
                    for (ConsumerRecord<String, String> r : casesTopic.poll(Duration.ofMillis(200))) {
                        if (id.equals(r.key())) {
                            mine.add(r);
                        }
                    }
                    return mine.stream()
                            .anyMatch(r -> "org.civicsafety.case.finalized.v1".equals(header(r, "ce_type")));
                });
        assertEquals("org.civicsafety.case.registered.v1", header(mine.getFirst(), "ce_type"));
        for (ConsumerRecord<String, String> r : mine) {
            EventContract.cases().validate(r);
            assertEquals("/cases-service", header(r, "ce_source"));
            assertEquals(id, header(r, "ce_subject"));
            assertFalse(r.value().contains("\"petitioner\""), "no personal data in events");
        }
    }

    // ---------------------------------------------------------------- helpers

    RequestSpecification as(String token) {
        requests++;
        return given().auth().oauth2(token).contentType(ContentType.JSON);
    }

    static String transitions(String id) {
        return "/api/v1/cases/" + id + "/transitions";
    }

    void act(String token, String id, String ifMatch, Map<String, Object> body, String state) {
        RequestSpecification r = as(token);
        if (ifMatch != null) {
            r = r.header("If-Match", ifMatch);
        }
        r.body(body).post(transitions(id)).then().statusCode(200).body("state", equalTo(state))
                .header("ETag", matchesPattern("\"\\d+\""));
    }

    io.restassured.response.ValidatableResponse track(String code, String state) {
        requests++;
        return given().get("/api/v1/cases/track/" + code).then().statusCode(200).body("state", equalTo(state))
                .body("$", not(hasKey("petitioner"))).body("number", matchesPattern("XF-\\d{4}-\\d{6}"));
    }

    static io.restassured.response.ValidatableResponse problem(Response r, int status) {
        return r.then().statusCode(status).contentType("application/problem+json")
                .body("type", equalTo(switch (status) {
                    case 400 -> "https://civicsafety.org/problems/validation";
                    case 401 -> "https://civicsafety.org/problems/unauthorized";
                    case 403 -> "https://civicsafety.org/problems/forbidden";
                    case 404 -> "https://civicsafety.org/problems/not-found";
                    case 409 -> "https://civicsafety.org/problems/illegal-transition";
                    case 412 -> "https://civicsafety.org/problems/precondition-failed";
                    default -> throw new IllegalArgumentException("status " + status);
                }));
    }

    Map<String, Object> petition(String channel, String type, String area, int i) {
        String topic = TOPICS.get(i % TOPICS.size());
        Map<String, Object> petitioner = new LinkedHashMap<>();
        petitioner.put("name", name());
        petitioner.put("phone", phone());
        petitioner.put("idNumber", idNumber());
        petitioner.put("address", "滨海新区第" + (i % 9 + 1) + "街道" + (i + 3) + "号");
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("channel", channel);
        m.put("type", type);
        m.put("title", topic + " " + words(2));
        m.put("content", "反映" + topic + "问题：" + words(14));
        m.put("areaCode", area);
        m.put("petitioner", petitioner);
        return m;
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> petitioner(Map<String, Object> petition) {
        return (Map<String, Object>) petition.get("petitioner");
    }

    static String name() {
        ThreadLocalRandom r = ThreadLocalRandom.current();
        return SURNAMES.get(r.nextInt(SURNAMES.size())) + "某" + "伟芳娜敏静强磊军洋勇".charAt(r.nextInt(10));
    }

    static String phone() {
        return "13" + ThreadLocalRandom.current().nextInt(5, 10)
                + String.format("%08d", ThreadLocalRandom.current().nextInt(100_000_000));
    }

    static String idNumber() {
        ThreadLocalRandom r = ThreadLocalRandom.current();
        return "3702" + String.format("%02d", r.nextInt(1, 20)) + (1950 + r.nextInt(55))
                + String.format("%02d%02d", r.nextInt(1, 13), r.nextInt(1, 29))
                + String.format("%03d", r.nextInt(1000)) + "0123456789X".charAt(r.nextInt(11));
    }

    /** Random words: petitions about different matters never look alike to the repeat detection. */
    static String words(int n) {
        ThreadLocalRandom r = ThreadLocalRandom.current();
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < n; i++) {
            if (i > 0) {
                sb.append(' ');
            }
            int len = 4 + r.nextInt(5);
            for (int j = 0; j < len; j++) {
                sb.append((char) ('a' + r.nextInt(26)));
            }
        }
        return sb.toString();
    }

    /** How many of these areas or units (by their key column) the service has stored. */
    long known(String table, String key, List<Map<String, Object>> rows) throws Exception {
        try (Connection c = DriverManager.getConnection(DB, "civic", "civic");
                PreparedStatement ps = c.prepareStatement("SELECT count(*) FROM " + table + " WHERE " + key
                        + " = ANY(?)")) {
            ps.setArray(1, c.createArrayOf("text", rows.stream().map(r -> r.get(key)).toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
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

    static Map<String, Object> unit(String id, String name, String areaCode) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", id);
        m.put("name", name);
        m.put("nameEn", null);
        m.put("areaCode", areaCode);
        m.put("kind", "OTHER");
        m.put("active", true);
        Map<String, Object> channels = new LinkedHashMap<>();
        channels.put("email", null);
        channels.put("webhookUrl", null);
        m.put("noticeChannels", channels);
        m.put("version", 1);
        m.put("occurredAt", OffsetDateTime.now(ZoneOffset.UTC).toString());
        return m;
    }

    static void publish(KafkaProducer<String, CloudEvent> producer, String topic, String type, String key,
            Map<String, Object> data) throws Exception {
        CloudEvent event = CloudEventBuilder.v1().withId(UUID.randomUUID().toString())
                .withSource(URI.create("/grid-service")).withType(type)
                .withTime(OffsetDateTime.now(ZoneOffset.UTC)).withSubject(key).withDataContentType("application/json")
                .withData(new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsBytes(data)).build();
        producer.send(new ProducerRecord<>(topic, key, event)).get();
    }

    static KafkaProducer<String, CloudEvent> producer() {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, BOOTSTRAP);
        p.put(ProducerConfig.ACKS_CONFIG, "all");
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
