package org.civicsafety.cases.api;

import static org.awaitility.Awaitility.await;
import static org.civicsafety.cases.api.TestSupport.*;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.civicsafety.cases.outbox.EventContract;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** The mediator directory (who writes and reads it where) and the incidents learned from civicsafety.grid.v1. */
@QuarkusTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MediatorDirectoryTest {

    @Inject DataSource ds;
    Areas a;
    String s;
    String supervisor;
    String officer;
    String otherOfficer;

    @BeforeAll
    void setUp() throws Exception {
        a = areas(ds);
        s = suffix();
        supervisor = token("supervisor-" + s, "supervisor", a.township(), null);
        officer = token("officer-" + s, "petition_officer", a.county(), null);
        otherOfficer = token("officer2-" + s, "petition_officer", a.otherCounty(), null);
    }

    static Map<String, Object> mediator(String area, String unit) {
        Map<String, Object> m = new HashMap<>(Map.of("name", "王建国", "committee", "东关镇人民调解委员会", "areaCode", area,
                "specialties", List.of("NEIGHBOURHOOD", "LABOUR")));
        if (unit != null) {
            m.put("unitId", unit);
        }
        return m;
    }

    @Test
    void aSupervisorAddsMediatorsInTheirAreaAndStaffInScopeReadThem() {
        String key = "mediator-" + s;
        Response created = as(supervisor).header("Idempotency-Key", key)
                .body(mediator(a.village(), "unit-" + a.village()))
                .post("/api/v1/mediators");
        created.then().statusCode(201).header("ETag", "\"1\"").body("active", equalTo(true))
                .body("unitId", equalTo("unit-" + a.village()));
        String id = created.path("id");
        assertEquals("/api/v1/mediators/" + id, java.net.URI.create(created.header("Location")).getPath());
        as(supervisor).header("Idempotency-Key", key).body(mediator(a.village(), "unit-" + a.village()))
                .post("/api/v1/mediators").then().statusCode(201).body("id", equalTo(id));

        as(officer).get("/api/v1/mediators/" + id).then().statusCode(200).header("ETag", "\"1\"")
                .body("committee", equalTo("东关镇人民调解委员会"));
        as(officer).queryParam("areaCode", a.township()).get("/api/v1/mediators").then().statusCode(200)
                .body("items.id", hasItem(id));
        problem(as(otherOfficer).get("/api/v1/mediators/" + id).then(), 404);
        as(otherOfficer).get("/api/v1/mediators").then().statusCode(200).body("items.id", not(hasItem(id)));
    }

    @Test
    void writesOutsideTheAreaOrWithUnknownReferencesAreRefused() {
        problem(as(supervisor).body(mediator(a.county(), null)).post("/api/v1/mediators").then(), 403);
        problem(as(officer).body(mediator(a.village(), null)).post("/api/v1/mediators").then(), 403);
        problem(as(supervisor).body(mediator("NOWHERE-" + s, null)).post("/api/v1/mediators").then(), 400)
                .body("errors.field", hasItem("areaCode"));
        problem(as(supervisor).body(mediator(a.village(), "no-such-unit-" + s)).post("/api/v1/mediators").then(), 400)
                .body("errors.field", hasItem("unitId"));
        Map<String, Object> nameless = mediator(a.village(), null);
        nameless.remove("name");
        problem(as(supervisor).body(nameless).post("/api/v1/mediators").then(), 400)
                .body("errors.field", hasItem("name"));
    }

    @Test
    void anUpdateNeedsTheCurrentVersionAndStaysInTheArea() {
        String id = as(supervisor).body(mediator(a.village(), null)).post("/api/v1/mediators").then().statusCode(201)
                .extract().path("id");
        Map<String, Object> inactive = mediator(a.village(), null);
        inactive.put("active", false);
        as(supervisor).header("If-Match", "\"1\"").body(inactive).put("/api/v1/mediators/" + id).then()
                .statusCode(200).header("ETag", "\"2\"").body("active", equalTo(false));
        problem(as(supervisor).header("If-Match", "\"1\"").body(inactive).put("/api/v1/mediators/" + id).then(), 412);
        problem(as(supervisor).body(mediator(a.county(), null)).put("/api/v1/mediators/" + id).then(), 403);
        String admin = token("admin-" + s, "admin", null, null);
        as(admin).body(mediator(a.county(), null)).put("/api/v1/mediators/" + id).then().statusCode(200)
                .body("areaCode", equalTo(a.county()));
        // the whole entry is replaced: without "active" it is active again
        as(officer).queryParam("active", "true").get("/api/v1/mediators").then().statusCode(200)
                .body("items.id", hasItem(id));
        as(officer).queryParam("active", "false").get("/api/v1/mediators").then().statusCode(200)
                .body("items.id", not(hasItem(id)));
        problem(as(officer).queryParam("active", "maybe").get("/api/v1/mediators").then(), 400)
                .body("errors.field", hasItem("active"));
    }

    /** grid-service's documented incident events (asyncapi.yaml) are kept, the newest version winning. */
    @Test
    void incidentsAreLearnedFromGridServiceEvents() throws Exception {
        EventContract grid = EventContract.of(Path.of("../grid-service/src/main/resources/asyncapi.yaml"));
        List<EventContract.Example> reported = grid.examples("org.civicsafety.incident.reported.v1");
        assertFalse(reported.isEmpty(), "grid-service documents no incident.reported example");
        UUID id = UUID.randomUUID();
        String staleCeId = UUID.randomUUID().toString();
        awaitDirectoryConsumer();
        try (KafkaProducer<String, String> p = producer()) {
            ObjectNode v2 = reported.getFirst().payload().deepCopy();
            v2.put("incidentId", id.toString()).put("categoryGroup", "DISPUTE").put("state", "DISPATCHED")
                    .put("version", 2);
            ObjectNode v1 = v2.deepCopy().put("state", "REPORTED").put("version", 1);
            for (ObjectNode incident : List.of(v2, v1)) {
                Map<String, String> headers = new LinkedHashMap<>(reported.getFirst().headers());
                headers.put("ce_id", incident == v1 ? staleCeId : UUID.randomUUID().toString());
                headers.put("ce_subject", id.toString());
                send(p, "civicsafety.grid.v1", id.toString(), headers, incident.toString());
            }
            // a type that is no incident event is not an incident
            send(p, "civicsafety.grid.v1", "x", UUID.randomUUID().toString(), "org.civicsafety.other.thing.v1",
                    "{\"incidentId\":\"" + UUID.randomUUID() + "\"}");
        }
        // the stale version is consumed after the newer one (same key, same partition) and changes nothing
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100))
                .until(() -> queryLong(ds, "SELECT count(*) FROM consumed_event WHERE ce_id = ?", staleCeId) == 1);
        assertEquals("DISPATCHED 2 DISPUTE", queryString(ds,
                "SELECT state || ' ' || version || ' ' || category_group FROM incident WHERE id = ?", id));
    }
}
