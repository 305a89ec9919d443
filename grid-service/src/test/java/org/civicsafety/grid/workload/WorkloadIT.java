package org.civicsafety.grid.workload;

import static io.restassured.RestAssured.given;
import static org.civicsafety.grid.TopicProbe.header;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
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
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusIntegrationTest;
import io.restassured.RestAssured;
import io.restassured.filter.Filter;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.response.ValidatableResponse;
import io.restassured.specification.RequestSpecification;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import javax.imageio.ImageIO;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.civicsafety.grid.TopicProbe;
import org.junit.jupiter.api.Test;

/**
 * The training workload of grid-service's AOT cache (quarkus.package.jar.aot): the packaged service runs with
 * {@code -XX:AOTMode=record} while this test drives its API the way the platform's clients do in production —
 * behind the gateway (X-Request-Id, X-Forwarded-*), with development-IdP tokens and the gateway's internal partner
 * tokens — so that the classes and code paths of a real start and of the common requests are in the cache.
 *
 * <p>
 * An administrator sets up a county (two townships, four villages, eight grids: POST, PUT and a GeoJSON import) and a
 * routing rule. Then, for {@code workload.rounds} rounds (20 by default): grid workers locate themselves, read the
 * catalogue, check "already reported" and report incidents (retried with their Idempotency-Key); citizens report
 * from the app, some of them the same thing again (a duplicate); a hotline partner posts and follows requests
 * through Open311 in JSON and XML; handling units start, attach a photo, resolve; grid workers verify or reopen;
 * supervisors escalate and reject; staff read the incident list with its filters and paging, single incidents,
 * histories, the GeoJSON map layer, areas and statistics; clients make the usual mistakes. Every answer is checked,
 * and the events of one incident are checked on {@code civicsafety.grid.v1}.
 */
@QuarkusIntegrationTest
class WorkloadIT {
    static final int ROUNDS = Integer.getInteger("workload.rounds", 20);
    /** The test profile's Kafka, on the port the platform runs it (deploy/platform build_services). */
    static final String NUMBER = "SJ-\\d{4}-\\d{6}";
    static final double GRID = 0.01;

    /** What grid workers and citizens report, with the answers to each category's questions. */
    record Kind(String category, Map<String, Object> attributes, String text) {}

    static final List<Kind> KINDS = List.of(
            new Kind("STREET_LIGHT", Map.of("pole_number", "LP-"), "路灯不亮，夜间行人看不清路"),
            new Kind("RUBBISH", Map.of("volume", "pile"), "路边堆放生活垃圾，无人清运"),
            new Kind("ROAD_TRAFFIC_HAZARD", Map.of("hazard", List.of("pothole", "signage")), "路面出现大坑，标志缺失"),
            new Kind("MANHOLE_COVER", Map.of(), "窨井盖缺失，存在安全隐患"),
            new Kind("FIRE_HAZARD", Map.of("hazard_type", List.of("blocked_exit", "wiring")), "消防通道被杂物堵塞，私拉电线"),
            new Kind("FIGHT", Map.of("injured", "no", "people_count", 3), "商铺门前有人争吵推搡"),
            new Kind("POLLUTION", Map.of("pollution_type", "water"), "河道有异味，疑似排污"),
            new Kind("FLOOD_DRAINAGE", Map.of("water_depth_cm", 25), "雨后积水严重，车辆无法通行"),
            new Kind("NEIGHBOUR_DISPUTE", Map.of("dispute_type", "noise"), "楼上装修噪音扰民，邻里发生纠纷"),
            new Kind("UNPAID_WAGES", Map.of("workers_count", 12, "employer", "某建筑公司"), "工地拖欠工人工资三个月"));

    /** The gateway in front of the service: it adds these to every request it forwards. */
    static final Filter GATEWAY = (req, res, ctx) -> {
        req.header("X-Request-Id", UUID.randomUUID().toString());
        req.header("X-Forwarded-For", "10.20.0." + ThreadLocalRandom.current().nextInt(2, 250));
        req.header("X-Forwarded-Proto", "https");
        req.header("X-Forwarded-Host", "api.civicsafety.example");
        return ctx.next(req, res);
    };

    /** One grid: its code, its south-west corner and its village and township. */
    record Cell(String code, String village, String township, double lon, double lat, int[] reports) {
        /** A spot of the grid of its own for every report: 0.0016° apart, further than any dedupe radius (100 m). */
        double[] spot() {
            int n = reports[0]++;
            return new double[]{lon + 0.0005 + (n % 6) * 0.0016, lat + 0.0005 + (n / 6 % 6) * 0.0016};
        }
    }

    String s;
    String county;
    double lon0;
    double lat0;
    final List<Cell> cells = new ArrayList<>();
    String admin;
    String supervisor;
    String analyst;
    String partnerId;
    String partner;
    long fireRule;
    final OffsetDateTime started = OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.SECONDS);
    int requests;
    String lastClosed;

    @Test
    void aMonthOfGridManagement() throws Exception {
        long t0 = System.nanoTime();
        RestAssured.filters(GATEWAY);
        try (TopicProbe gridTopic = new TopicProbe("civicsafety.grid.v1")) {
            setUpTheCounty();
            long t1 = System.nanoTime();
            for (int i = 0; i < ROUNDS; i++) {
                round(i);
            }
            System.out.printf("WORKLOAD grid-service: set-up %d ms, rounds %d ms%n", (t1 - t0) / 1_000_000,
                    (System.nanoTime() - t1) / 1_000_000);
            endOfMonth();
            eventsOfAnIncidentArePublished(gridTopic, lastClosed);
        } finally {
            RestAssured.replaceFiltersWith(List.of());
        }
        System.out.printf("WORKLOAD grid-service: %d rounds, %d requests in %d ms%n", ROUNDS, requests,
                (System.nanoTime() - t0) / 1_000_000);
    }

    void setUpTheCounty() throws Exception {
        s = Long.toString(System.currentTimeMillis(), 36).toUpperCase()
                + ThreadLocalRandom.current().nextInt(100, 1000);
        county = "W" + s;
        admin = DevTokens.token("admin-" + s, "admin", null, null);
        supervisor = DevTokens.token("sup-" + s, "supervisor", county, null);
        analyst = DevTokens.token("analyst-" + s, "analyst", county, null);
        partnerId = "hotline-12345-" + s;
        partner = DevTokens.partner(partnerId, List.of("STREET_LIGHT", "RUBBISH", "FIRE_HAZARD", "NEIGHBOUR_DISPUTE"));
        // somewhere in the country, a spot of its own (other runs use other spots)
        ThreadLocalRandom r = ThreadLocalRandom.current();
        lon0 = Math.round(r.nextDouble(75, 130) * 100) / 100.0;
        lat0 = Math.round(r.nextDouble(20, 45) * 100) / 100.0;

        // The orchestrator's probes and the gateway fetching the API document come first (the launcher has waited
        // for the service to listen: the database is migrated, Kafka is reachable).
        given().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"));
        given().get("/q/health/live").then().statusCode(200);
        given().get("/q/openapi?format=json").then().statusCode(200).body("paths", hasKey("/api/v1/incidents"));

        // county and townships one by one, villages as create-or-replace, grids as a GeoJSON import
        as(admin).header("Idempotency-Key", UUID.randomUUID().toString())
                .body(area(county, "滨海县" + s, "COUNTY", null, 420_000, box(lon0, lat0, 0.04, 0.02)))
                .post("/api/v1/areas")
                .then().statusCode(201).header("Location", containsString("/api/v1/areas/" + county));
        List<Map<String, Object>> grids = new ArrayList<>();
        for (int t = 0; t < 2; t++) {
            String town = county + "-T0" + (t + 1);
            as(admin).body(area(town, "第" + (t + 1) + "镇", "TOWNSHIP", county, 60_000,
                    box(lon0 + t * 0.02, lat0, 0.02, 0.02))).post("/api/v1/areas").then().statusCode(201)
                    .body("path", contains(county, town));
            for (int v = 0; v < 2; v++) {
                String village = town + "-V0" + (v + 1);
                double vLon = lon0 + t * 0.02;
                double vLat = lat0 + v * 0.01;
                as(admin).body(area(village, "第" + (v + 1) + "村", "VILLAGE", town, 3_500, box(vLon, vLat, 0.02, 0.01)))
                        .put("/api/v1/areas/" + village).then().statusCode(201).header("ETag", "\"1\"");
                for (int g = 0; g < 2; g++) {
                    String grid = village + "-G0" + (g + 1);
                    Cell c = new Cell(grid, village, town, vLon + g * GRID, vLat, new int[1]);
                    cells.add(c);
                    Map<String, Object> props = area(grid, "网格" + (g + 1), "GRID", village, 800, null);
                    props.remove("boundary");
                    grids.add(Map.of("type", "Feature", "properties", props, "geometry",
                            box(c.lon(), c.lat(), GRID, GRID)));
                }
            }
        }
        as(admin).contentType("application/geo+json")
                .body(Map.of("type", "FeatureCollection", "features", grids)).post("/api/v1/areas/import").then()
                .statusCode(200).body("total", equalTo(8)).body("created", equalTo(8));
        // fire hazards anywhere in the county go to the county's fire brigade, a unit of the directory
        as(admin).body(Map.of("name", "消防救援大队", "nameEn", "Fire brigade", "areaCode", county, "kind",
                "COUNTY_BUREAU")).put("/api/v1/units/unit-" + county + "-fire").then().statusCode(201);
        requests++;
        fireRule = as(admin).body(rule("FIRE_HAZARD", null, county, "unit-" + county + "-fire", null))
                .post("/api/v1/routing-rules").then().statusCode(201).extract().<Number>path("id").longValue();
        as(supervisor).get("/api/v1/routing-rules?areaCode=" + county).then().statusCode(200)
                .body("items.unitId", hasItem("unit-" + county + "-fire"));
        requests += 8;
    }

    void round(int i) throws Exception {
        Cell c = cells.get(i % cells.size());
        Kind kind = KINDS.get(i % KINDS.size());
        String workerSub = "gw-" + s + "-" + c.code();
        String worker = DevTokens.token(workerSub, "grid_worker", c.code(), null);
        String citizenSub = "citizen-" + s + "-" + i;
        String citizen = DevTokens.token(citizenSub, "citizen", null, null);
        String lang = i % 3 == 0 ? "en" : "zh-CN";

        if (i % 5 == 0) {
            given().get("/q/health/ready").then().statusCode(200);
        }
        // The worker's app: where am I, what can I report, has someone reported it already?
        double[] at = c.spot();
        as(worker).get("/api/v1/areas/locate?lat=" + at[1] + "&lon=" + at[0]).then().statusCode(200)
                .body("code", equalTo(c.code())).body("ancestors.code", contains(county, c.township(), c.village()));
        if (i % 4 == 0) {
            given().header("Accept-Language", lang).get("/api/v1/categories").then().statusCode(200)
                    .body("items.code", hasItems("STREET_LIGHT", "FIRE_HAZARD"));
            given().header("Accept-Language", lang).get("/api/v1/categories/" + kind.category()).then()
                    .statusCode(200).body("code", equalTo(kind.category()));
            requests += 2;
        }
        as(worker).get("/api/v1/incidents/nearby?lat=" + at[1] + "&lon=" + at[0] + "&radius=200&category="
                + kind.category()).then().statusCode(200).body("items", notNullValue());

        // The grid worker reports from the field, retrying once on a flaky network.
        Map<String, Object> report = report(kind, at, i);
        String key = UUID.randomUUID().toString();
        Response created = as(worker).header("Idempotency-Key", key).body(report).post("/api/v1/incidents");
        created.then().statusCode(201).header("Location", containsString("/api/v1/incidents/"))
                .body("number", matchesPattern(NUMBER)).body("state", equalTo("DISPATCHED"))
                .body("areaCode", equalTo(c.code())).body("source", equalTo("GRID_WORKER"))
                .body("assignedUnit", notNullValue()).body("dueAt", notNullValue()).body("duplicateOf", nullValue());
        String id = created.path("id");
        if (i % 3 == 1) {
            as(worker).header("Idempotency-Key", key).body(report).post("/api/v1/incidents").then().statusCode(201)
                    .body("id", equalTo(id));
        }
        if ("FIRE_HAZARD".equals(kind.category())) {
            created.then().body("assignedUnit", equalTo("unit-" + county + "-fire"));
        }
        work(i, c, worker, id, created.path("assignedUnit"), created.path("level"));

        // A citizen reports from the app; now and then someone else reports the same thing again.
        Kind ck = KINDS.get((i + 3) % KINDS.size());
        double[] cAt = c.spot();
        Map<String, Object> cReport = report(ck, cAt, i);
        cReport.put("reporter", Map.of("name", "市民" + i, "phone", "139" + String.format("%08d", 10_000_000 + i)));
        Response byCitizen = as(citizen).body(cReport).post("/api/v1/incidents");
        byCitizen.then().statusCode(201).body("source", equalTo("CITIZEN")).body("state", equalTo("DISPATCHED"))
                .body("reporter.phone", startsWith("139"));
        String cId = byCitizen.path("id");
        as(citizen).get("/api/v1/incidents/" + cId).then().statusCode(200).body("allowedActions", hasSize(0))
                .body("reporter.name", equalTo("市民" + i));
        as(worker).get("/api/v1/incidents/" + cId).then().statusCode(200)
                .body("reporter.phone", matchesPattern("\\d{3}\\*{4}\\d{4}"));
        if (i % 4 == 2) {
            Map<String, Object> again = report(ck, new double[]{cAt[0] + 0.0001, cAt[1]}, i);
            String other = DevTokens.token("citizen-" + s + "-x" + i, "citizen", null, null);
            as(other).body(again).post("/api/v1/incidents").then().statusCode(201)
                    .body("state", equalTo("DUPLICATE")).body("duplicateOf", equalTo(cId));
            as(supervisor).get("/api/v1/incidents/" + cId).then().statusCode(200).body("reportCount", equalTo(2));
        }
        as(citizen).get("/api/v1/incidents?limit=10").then().statusCode(200).body("items.id", hasItem(cId));

        if (i % 2 == 0) {
            open311(i, c);
        }
        lists(i, c, worker, lang);
        if (i % 3 == 2) {
            stats(c);
        }
        mistakes(i, c, worker, id);
    }

    /** The handling unit's part, and the grid worker's or the supervisor's after it. */
    void work(int i, Cell c, String worker, String id, String unit, String level) throws Exception {
        String handler = DevTokens.token("h-" + unit, "handler", null, unit);
        switch (i % 6) {
            case 3 -> {
                // the supervisor sends it a level up (unless it is already at the county); its unit works it
                if (!"COUNTY".equals(level)) {
                    Response up = as(supervisor)
                            .body(Map.of("action", "ESCALATE", "reason", "需要上级部门协调处置"))
                            .post(transitions(id));
                    up.then().statusCode(200).body("state", equalTo("DISPATCHED"))
                            .body("level", not(equalTo(level)));
                    unit = up.path("assignedUnit");
                    handler = DevTokens.token("h-" + unit, "handler", null, unit);
                }
            }
            case 5 -> {
                act(handler, id, null, Map.of("action", "REJECT", "reason", "不属于本单位职责范围"), "REJECTED");
                as(worker).get("/api/v1/incidents/" + id + "/history").then().statusCode(200)
                        .body("items.action", contains("REPORT", "DISPATCH", "REJECT"));
                return;
            }
            default -> {}
        }
        String etag = as(handler).get("/api/v1/incidents/" + id).then().statusCode(200)
                .body("allowedActions", hasItem("START")).body("assignedUnit", equalTo(unit)).extract().header("ETag");
        act(handler, id, etag, Map.of("action", "START"), "IN_PROGRESS");
        if (i % 4 == 0) {
            photo(handler, id);
        }
        as(handler).get("/api/v1/incidents?state=IN_PROGRESS&limit=20").then().statusCode(200)
                .body("items.id", hasItem(id)).body("items.assignedUnit", everyItem(equalTo(unit)));
        act(handler, id, null, Map.of("action", "RESOLVE", "note", "已到场处置完毕：" + i), "RESOLVED");
        if (i % 5 == 1) {
            act(worker, id, null, Map.of("action", "REOPEN", "reason", "复查发现问题仍然存在"), "IN_PROGRESS");
            act(handler, id, null, Map.of("action", "RESOLVE", "note", "二次处置完成"), "RESOLVED");
        }
        if (i % 6 == 4) {
            act(supervisor, id, null, Map.of("action", "VERIFY"), "CLOSED");
        } else {
            act(worker, id, null, Map.of("action", "VERIFY"), "CLOSED");
        }
        as(worker).get("/api/v1/incidents/" + id + "/history").then().statusCode(200)
                .body("items[0].action", equalTo("REPORT"))
                .body("items.action", hasItems("START", "RESOLVE", "VERIFY"));
        lastClosed = id;
    }

    /** A handler's photo of the site (the app retries it with the same key): stored once, served back. */
    void photo(String handler, String id) throws Exception {
        BufferedImage img = new BufferedImage(64, 48, BufferedImage.TYPE_INT_RGB);
        for (int x = 0; x < 64; x++) {
            for (int y = 0; y < 48; y++) {
                img.setRGB(x, y, (x * 4) << 16 | (y * 5) << 8 | ThreadLocalRandom.current().nextInt(256));
            }
        }
        ByteArrayOutputStream jpeg = new ByteArrayOutputStream();
        ImageIO.write(img, "jpg", jpeg);
        String key = UUID.randomUUID().toString();
        String url = given().auth().oauth2(handler).header("Idempotency-Key", key)
                .multiPart("file", "现场.jpg", jpeg.toByteArray(), "image/jpeg")
                .post("/api/v1/incidents/" + id + "/media").then().statusCode(201)
                .body("contentType", equalTo("image/jpeg")).extract().path("url");
        given().auth().oauth2(handler).header("Idempotency-Key", key)
                .multiPart("file", "现场.jpg", jpeg.toByteArray(), "image/jpeg")
                .post("/api/v1/incidents/" + id + "/media").then().statusCode(201).body("url", equalTo(url));
        given().auth().oauth2(supervisor).get(url).then().statusCode(200).contentType("image/jpeg");
        as(handler).get("/api/v1/incidents/" + id).then().statusCode(200).body("media.url", hasItem(url));
        requests += 4;
    }

    /** The 12345 hotline's CRM, an Open311 client: posts for callers and follows the requests. */
    void open311(int i, Cell c) {
        String[] codes = {"STREET_LIGHT", "RUBBISH", "FIRE_HAZARD", "NEIGHBOUR_DISPUTE"};
        String code = codes[i / 2 % codes.length];
        boolean xml = i % 4 == 2;
        String fmt = xml ? "xml" : "json";
        if (i % 10 == 0) {
            given().get("/open311/v2/discovery.json").then().statusCode(200)
                    .body("endpoints[0].specification", equalTo("http://wiki.open311.org/GeoReport_v2"));
            given().get("/open311/v2/services.xml").then().statusCode(200)
                    .body("services.service.service_code", hasItem("STREET_LIGHT"));
            given().header("Accept-Language", "en").get("/open311/v2/services/FIRE_HAZARD.json").then()
                    .statusCode(200).body("attributes[0].code", equalTo("hazard_type"));
            requests += 3;
        }
        given().get("/open311/v2/services.json").then().statusCode(200).body("service_code", hasItem(code));
        double[] at = c.spot();
        RequestSpecification post = given().auth().oauth2(partner)
                .contentType("application/x-www-form-urlencoded; charset=UTF-8").formParam("service_code", code)
                .formParam("lat", at[1]).formParam("long", at[0]).formParam("address_string", "幸福路" + (i + 1) + "号")
                .formParam("description", "12345热线来电：" + KINDS.get(i % KINDS.size()).text())
                .formParam("first_name", "Wei").formParam("last_name", "Zhang").formParam("phone", "13800138000")
                .formParam("account_id", "caller-" + i).formParam("client_request_id", "crm-" + s + "-" + i);
        switch (code) {
            case "STREET_LIGHT" -> post.formParam("attribute[pole_number]", "LP-" + i);
            case "RUBBISH" -> post.formParam("attribute[volume]", "bag");
            case "FIRE_HAZARD" -> post.formParam("attribute[hazard_type][]", "blocked_exit")
                    .formParam("attribute[hazard_type][]", "storage");
            default -> post.formParam("attribute[dispute_type]", "noise");
        }
        String number;
        if (xml) {
            number = post.post("/open311/v2/requests.xml").then().statusCode(201)
                    .body("service_requests.request.service_request_id", startsWith("SJ-")).extract()
                    .path("service_requests.request.service_request_id");
        } else {
            number = post.post("/open311/v2/requests.json").then().statusCode(201)
                    .body("[0].service_request_id", matchesPattern(NUMBER))
                    .body("[0].account_id", equalTo("caller-" + i))
                    .extract().path("[0].service_request_id");
        }
        boolean hidden = "NEIGHBOUR_DISPUTE".equals(code);
        if (hidden) {
            // a private category: the public reads do not show it, the partner reads it back with its key
            given().get("/open311/v2/requests/" + number + ".json").then().statusCode(404);
            given().auth().oauth2(partner).get("/open311/v2/requests/" + number + ".json").then().statusCode(200)
                    .body("[0].service_request_id", equalTo(number));
        } else if (xml) {
            given().get("/open311/v2/requests/" + number + ".xml").then().statusCode(200)
                    .body("service_requests.request.status", equalTo("open"))
                    .body("service_requests.request.service_code", equalTo(code));
        } else {
            given().get("/open311/v2/requests/" + number + ".json?extensions=true").then().statusCode(200)
                    .body("[0].status", equalTo("open")).body("[0].agency_responsible", notNullValue())
                    .body("[0].notes.summary", hasItems("REPORT", "DISPATCH"))
                    .body(not(containsString("13800138000")));
        }
        String id = given().auth().oauth2(partner).get("/api/v1/incidents?source=PARTNER&categoryCode=" + code)
                .then().statusCode(200).body("items[0].number", equalTo(number))
                .body("items[0].partnerId", equalTo(partnerId)).extract().path("items[0].id");
        if (!hidden) {
            given().get("/open311/v2/tokens/" + id + "." + fmt).then().statusCode(200);
            given().get("/open311/v2/requests." + fmt + "?service_code=" + code + "&status=open&page_size=10")
                    .then().statusCode(200);
        }
        // the caller rang again: a FixMyStreet-style update
        given().auth().oauth2(partner).contentType("application/x-www-form-urlencoded")
                .formParam("service_request_id", number).formParam("description", "来电人反映情况加重")
                .formParam("updated_datetime", OffsetDateTime.now(ZoneOffset.ofHours(8)).toString())
                .formParam("status", "OPEN").post("/open311/v2/servicerequestupdates.json").then().statusCode(200)
                .body("[0].update_id", notNullValue());
        if (i % 6 == 0) {
            String from = started.toString();
            given().get("/open311/v2/servicerequestupdates.json?start_date=" + from).then().statusCode(200);
            given().get("/open311/v2/requests.json?service_request_id=" + number + "&extensions=true").then()
                    .statusCode(200);
            requests += 2;
        }
        // a malformed post: Open311's own error format
        given().auth().oauth2(partner).contentType("application/x-www-form-urlencoded")
                .formParam("service_code", "STREET_LIGHT").formParam("address_string", "某处")
                .post("/open311/v2/requests.json").then().statusCode(400).body("[0].code", equalTo(400));
        requests += 8;
    }

    void lists(int i, Cell c, String worker, String lang) {
        as(worker).header("Accept-Language", lang).get("/api/v1/incidents?areaCode=" + c.code() + "&limit=20").then()
                .statusCode(200).body("items.areaCode", everyItem(equalTo(c.code())));
        as(supervisor).get("/api/v1/incidents?areaCode=" + county + "&state=DISPATCHED,IN_PROGRESS&limit=50").then()
                .statusCode(200)
                .body("items.state", everyItem(org.hamcrest.Matchers.oneOf("DISPATCHED", "IN_PROGRESS")));
        Kind k = KINDS.get(i % KINDS.size());
        as(supervisor).get("/api/v1/incidents?areaCode=" + c.township() + "&categoryCode=" + k.category()).then()
                .statusCode(200).body("items.categoryCode", everyItem(equalTo(k.category())));
        switch (i % 4) {
            case 0 -> as(supervisor).get("/api/v1/incidents?bbox=" + (c.lon() - 0.001) + "," + (c.lat() - 0.001) + ","
                    + (c.lon() + GRID + 0.001) + "," + (c.lat() + GRID + 0.001)).then().statusCode(200)
                    .body("items.size()", greaterThanOrEqualTo(1));
            case 1 -> as(supervisor).get("/api/v1/incidents?lat=" + (c.lat() + 0.005) + "&lon=" + (c.lon() + 0.005)
                    + "&radius=1000&severity=GENERAL").then().statusCode(200);
            case 2 -> as(supervisor).get("/api/v1/incidents?areaCode=" + county + "&updatedAfter=" + started
                    + "&source=CITIZEN").then().statusCode(200).body("items.source", everyItem(equalTo("CITIZEN")));
            default -> as(supervisor).get("/api/v1/incidents?areaCode=" + county + "&overdue=false&state=CLOSED")
                    .then().statusCode(200).body("items.state", everyItem(equalTo("CLOSED")));
        }
        if (i % 2 == 1) {
            Response page = as(supervisor).get("/api/v1/incidents?areaCode=" + county + "&limit=5");
            page.then().statusCode(200).body("items", hasSize(5));
            as(supervisor).queryParam("cursor", (String) page.path("nextCursor"))
                    .get("/api/v1/incidents?areaCode=" + county + "&limit=5").then().statusCode(200);
            requests += 2;
        }
        // the map layer of the supervisor's console
        as(supervisor).get("/api/v1/incidents.geojson?areaCode=" + c.township()).then().statusCode(200)
                .body("type", equalTo("FeatureCollection")).body("features[0].geometry.type", equalTo("Point"));
        if (i % 3 == 0) {
            as(supervisor).get("/api/v1/areas?parentCode=" + county).then().statusCode(200)
                    .body("items.code", hasItems(county + "-T01", county + "-T02"));
            as(supervisor).get("/api/v1/areas/" + c.code()).then().statusCode(200)
                    .body("boundary.type", equalTo("MultiPolygon")).body("ancestors", hasSize(3));
            as(supervisor).get("/api/v1/areas?level=GRID&parentCode=" + c.village()).then().statusCode(200)
                    .body("items", hasSize(2));
            requests += 3;
        }
        requests += 4;
    }

    void stats(Cell c) {
        String from = started.minusDays(1).toString();
        String to = started.plusDays(1).toString();
        as(analyst).get("/api/v1/incidents/stats?areaCode=" + county + "&from=" + from + "&to=" + to).then()
                .statusCode(200).body("incidents", greaterThanOrEqualTo(1))
                .body("areas.size()", greaterThanOrEqualTo(1))
                .body("byCategory", notNullValue()).body("total.onTimeRate", notNullValue());
        as(supervisor).get("/api/v1/incidents/stats?areaCode=" + c.township()).then().statusCode(200)
                .body("areaCode", equalTo(c.township()));
    }

    void mistakes(int i, Cell c, String worker, String id) {
        problem(as(worker).get("/api/v1/incidents/" + UUID.randomUUID()), 404);
        if (i % 3 == 0) {
            // transitions out of turn, and a worker trying the handler's action
            problem(as(worker).body(Map.of("action", "START")).post(transitions(id)), 409, 403);
            Map<String, Object> bad = report(KINDS.get(0), c.spot(), i);
            bad.remove("lat");
            problem(as(worker).header("Accept-Language", "en").body(bad).post("/api/v1/incidents"), 400)
                    .body("errors.field", hasItem("lat"));
        }
        if (i % 5 == 0) {
            problem(given().get("/api/v1/incidents"), 401);
            problem(as(worker).get("/api/v1/areas/locate?lat=89.5&lon=0.5"), 404);
            problem(as(supervisor).get("/api/v1/incidents?bbox=1,2,3"), 400);
            requests += 2;
        }
    }

    /** The figures and the map of the month; the routing rule is retired. */
    void endOfMonth() {
        as(analyst).get("/api/v1/incidents/stats?areaCode=" + county).then().statusCode(200)
                .body("byState.CLOSED", greaterThanOrEqualTo(ROUNDS / 2))
                .body("total.escalated", greaterThanOrEqualTo(1));
        as(supervisor).get("/api/v1/incidents.geojson?areaCode=" + county + "&state=CLOSED").then().statusCode(200)
                .body("features.size()", greaterThanOrEqualTo(ROUNDS / 2));
        as(admin).delete("/api/v1/routing-rules/" + fireRule).then().statusCode(204);
    }

    /** The outbox relay publishes each step of an incident as a binary-mode CloudEvent, without personal data. */
    void eventsOfAnIncidentArePublished(TopicProbe topic, String id) {
        topic.await(TopicProbe.keyAndType(id, "org.civicsafety.incident.verified.v1"), Duration.ofSeconds(30));
        List<ConsumerRecord<String, String>> mine = topic.all(r -> id.equals(r.key()), 1, Duration.ZERO);
        assertEquals("org.civicsafety.incident.reported.v1", header(mine.getFirst(), "ce_type"));
        for (ConsumerRecord<String, String> r : mine) {
            assertEquals("/grid-service", header(r, "ce_source"));
            assertTrue(r.value().contains("\"incidentId\":\"" + id + "\""), r.value());
            assertFalse(r.value().contains("reporter"), "no personal data in events: " + r.value());
        }
    }

    // ---------------------------------------------------------------- helpers

    RequestSpecification as(String token) {
        requests++;
        return given().auth().oauth2(token).contentType(ContentType.JSON);
    }

    static String transitions(String id) {
        return "/api/v1/incidents/" + id + "/transitions";
    }

    void act(String token, String id, String ifMatch, Map<String, Object> body, String state) {
        RequestSpecification r = as(token);
        if (ifMatch != null) {
            r = r.header("If-Match", ifMatch);
        }
        r.body(body).post(transitions(id)).then().statusCode(200).body("state", equalTo(state))
                .header("ETag", matchesPattern("\"\\d+\""));
    }

    static ValidatableResponse problem(Response r, int... statuses) {
        ValidatableResponse v = r.then().contentType("application/problem+json");
        Integer[] boxed = java.util.Arrays.stream(statuses).boxed().toArray(Integer[]::new);
        return v.statusCode(org.hamcrest.Matchers.oneOf(boxed))
                .body("type", startsWith("https://civicsafety.org/problems/")).body("title", notNullValue());
    }

    Map<String, Object> report(Kind k, double[] at, int i) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("categoryCode", k.category());
        m.put("description", k.text() + "（第" + (i + 1) + "次巡查）");
        m.put("lat", at[1]);
        m.put("lon", at[0]);
        m.put("address", "幸福路" + (i + 1) + "号附近");
        Map<String, Object> attributes = new HashMap<>(k.attributes());
        attributes.computeIfPresent("pole_number", (x, v) -> v + "" + i);
        m.put("attributes", attributes);
        if (i % 7 == 6) {
            m.put("severity", "SERIOUS");
        }
        m.put("occurredAt", OffsetDateTime.now(ZoneOffset.ofHours(8)).minusMinutes(20).truncatedTo(ChronoUnit.SECONDS)
                .toString());
        return m;
    }

    static Map<String, Object> area(String code, String name, String level, String parent, long population,
            Map<String, Object> boundary) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("code", code);
        m.put("name", name);
        m.put("level", level);
        m.put("parentCode", parent);
        m.put("population", population);
        m.put("responsibleUnit", "unit-" + code);
        m.put("boundary", boundary);
        return m;
    }

    /** A GeoJSON rectangle, {@code w} by {@code h} degrees from its south-west corner. */
    static Map<String, Object> box(double lon, double lat, double w, double h) {
        return Map.of("type", "Polygon", "coordinates", List.of(List.of(List.of(lon, lat), List.of(lon + w, lat),
                List.of(lon + w, lat + h), List.of(lon, lat + h), List.of(lon, lat))));
    }

    static Map<String, Object> rule(String category, String severity, String area, String unit, String level) {
        Map<String, Object> m = new HashMap<>();
        m.put("categoryCode", category);
        m.put("severity", severity);
        m.put("areaCode", area);
        m.put("unitId", unit);
        m.put("level", level);
        m.put("priority", 10);
        return m;
    }

}
