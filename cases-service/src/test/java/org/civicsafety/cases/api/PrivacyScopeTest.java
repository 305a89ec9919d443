package org.civicsafety.cases.api;

import static io.restassured.RestAssured.given;
import static org.civicsafety.cases.api.TestSupport.*;
import static org.hamcrest.Matchers.*;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Map;
import javax.sql.DataSource;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** Encryption at rest, masking, the confidential reporter, and the data scopes of every role. */
@QuarkusTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PrivacyScopeTest {

    @Inject DataSource ds;
    Areas a;
    TopicReader topic;
    String s;
    Callers who;

    @BeforeAll
    void setUp() throws Exception {
        a = areas(ds);
        topic = new TopicReader("civicsafety.cases.v1");
        s = suffix();
        who = callers(a, s);
    }

    @AfterAll
    void tearDown() {
        topic.close();
    }

    String register(String token, String type, String phone) {
        return as(token).body(caseBody(a.village(), "VISIT", type, phone)).post("/api/v1/cases")
                .then().statusCode(201).extract().path("id");
    }

    void assign(String id) {
        as(who.officer()).body(Map.of("action", "ASSIGN", "unitId", who.unit(), "unitAreaCode", a.village()))
                .post("/api/v1/cases/" + id + "/transitions").then().statusCode(200);
    }

    @Test
    void petitionerDataIsEncryptedMaskedAndNeverInEvents() throws Exception {
        String phone = "138" + String.format("%08d", (int) (Math.random() * 1e8));
        String id = register(who.officer(), "REQUEST_GRIEVANCE", phone);
        assign(id);
        // At rest: ciphertext only.
        String stored = queryString(ds, "SELECT encode(petitioner_enc, 'escape') FROM petition_case WHERE id = ?::uuid",
                id);
        assertFalse(stored.contains(phone) || stored.contains("张三丰"), "petitioner data is encrypted at rest");
        // Full for the petition office and the handling unit, masked for a supervisor and an analyst.
        as(who.officer()).get("/api/v1/cases/" + id).then().statusCode(200).body("petitioner.phone", equalTo(phone));
        as(who.handler()).get("/api/v1/cases/" + id).then().statusCode(200).body("petitioner.phone", equalTo(phone));
        String masked = phone.substring(0, 3) + "****" + phone.substring(7);
        as(token("sv-" + s, "supervisor", a.township(), null)).get("/api/v1/cases/" + id).then().statusCode(200)
                .body("petitioner.phone", equalTo(masked)).body("petitioner.name", equalTo("张**"))
                .body("petitioner.idNumber", containsString("*")).body("trackingCode", nullValue());
        as(token("an-" + s, "analyst", a.county(), null)).get("/api/v1/cases/" + id).then().statusCode(200)
                .body("petitioner.phone", equalTo(masked));
        // Events carry only the pseudonym.
        ConsumerRecord<String, String> ev = topic.awaitType(id, "org.civicsafety.case.assigned.v1",
                Duration.ofSeconds(30));
        assertFalse(ev.value().contains(phone) || ev.value().contains("张三丰") || ev.value().contains("北京市"));
        assertTrue(ev.value().matches(".*\"petitionerRef\":\"[0-9a-f]{64}\".*"), ev.value());
        // Lists never show petitioner data.
        as(who.officer()).get("/api/v1/cases?areaCode=" + a.village() + "&limit=500").then().statusCode(200)
                .body(not(containsString(phone)));
    }

    /** cases.md "Privacy": the full ID number only for the registering petition office and the petitioner. */
    @Test
    void onlyThePetitionOfficeAndThePetitionerSeeTheFullIdNumber() {
        String idNumber = "110101" + randomId().substring(6);
        String maskedId = "110101********" + idNumber.substring(14);
        String phone = randomPhone();
        Map<String, Object> body = caseBody(a.village(), "VISIT", "REQUEST_GRIEVANCE", words(4), words(14), phone,
                idNumber);
        String id = as(who.citizen()).body(body).post("/api/v1/cases").then().statusCode(201)
                .body("petitioner.idNumber", equalTo(idNumber)).extract().path("id");
        assign(id);
        for (String full : new String[]{who.citizen(), who.officer(),
                token("o4-" + s, "petition_officer", a.village(), null)}) {
            as(full).get("/api/v1/cases/" + id).then().statusCode(200)
                    .body("petitioner.idNumber", equalTo(idNumber)).body("petitioner.phone", equalTo(phone));
        }
        // The handling unit can reach the petitioner but not identify them by ID number.
        as(who.handler()).get("/api/v1/cases/" + id).then().statusCode(200)
                .body("petitioner.idNumber", equalTo(maskedId))
                .body("petitioner.name", equalTo("张三丰")).body("petitioner.phone", equalTo(phone))
                .body("petitioner.address", equalTo("北京市东城区某街道1号"))
                .body(not(containsString(idNumber)));
        // Everyone else who sees the petitioner at all, admin included, sees it masked.
        for (String masked : new String[]{token("admin-" + s, "admin", null, null),
                token("sv-" + s, "supervisor", a.township(), null), token("an-" + s, "analyst", a.county(), null)}) {
            as(masked).get("/api/v1/cases/" + id).then().statusCode(200)
                    .body("petitioner.idNumber", equalTo(maskedId)).body("petitioner.name", equalTo("张**"))
                    .body(not(containsString(idNumber)));
        }
    }

    @Test
    void misconductReporterIsAbsentForAllButTheRegisteringOfficerAndTheReporter() {
        String id = register(who.officer(), "MISCONDUCT_REPORT", randomPhone());
        assign(id);
        as(who.officer()).get("/api/v1/cases/" + id).then().statusCode(200)
                .body("petitioner.name", equalTo("张三丰")).body("flags.confidentialReporter", is(true));
        for (String other : new String[]{
                who.handler(),
                token("officer2-" + s, "petition_officer", a.county(), null),
                token("sv-" + s, "supervisor", a.county(), null),
                token("admin-" + s, "admin", null, null)}) {
            as(other).get("/api/v1/cases/" + id).then().statusCode(200)
                    .body("$", not(hasKey("petitioner"))).body("$", not(hasKey("representatives")))
                    .body(not(containsString("张三丰")));
        }
        ConsumerRecord<String, String> ev = topic.awaitType(id, "org.civicsafety.case.registered.v1",
                Duration.ofSeconds(30));
        assertTrue(ev.value().contains("\"petitionerRef\":null"), "no pseudonym for a confidential reporter");

        String reporterSub = "reporter-" + s;
        String reporter = token(reporterSub, "citizen", null, null);
        String own = register(reporter, "MISCONDUCT_REPORT", randomPhone());
        as(reporter).get("/api/v1/cases/" + own).then().statusCode(200).body("petitioner.name", equalTo("张三丰"));
        as(who.officer()).get("/api/v1/cases/" + own).then().statusCode(200).body("$", not(hasKey("petitioner")));
    }

    @Test
    void scopesHideCasesOutsideThem() {
        String id = register(who.citizen(), "SUGGESTION", randomPhone());
        assign(id);
        // Citizen: only their own.
        as(token("someone-" + s, "citizen", null, null)).get("/api/v1/cases/" + id).then().statusCode(404);
        as(who.citizen()).get("/api/v1/cases/" + id).then().statusCode(200);
        as(who.citizen()).get("/api/v1/cases/" + id + "/history").then().statusCode(200);
        // Handler: only their unit's.
        as(token("h2-" + s, "handler", a.village(), "another-" + s)).get("/api/v1/cases/" + id).then().statusCode(404);
        // Staff: only their area subtree.
        as(token("o2-" + s, "petition_officer", a.otherCounty(), null)).get("/api/v1/cases/" + id).then()
                .statusCode(404);
        as(token("o2-" + s, "petition_officer", a.otherCounty(), null)).get("/api/v1/cases/" + id + "/history")
                .then().statusCode(404);
        as(token("o2-" + s, "petition_officer", a.otherCounty(), null))
                .body(Map.of("action", "NOT_ACCEPT", "reason", "x")).post("/api/v1/cases/" + id + "/transitions")
                .then().statusCode(404);
        as(token("o3-" + s, "petition_officer", a.township(), null)).get("/api/v1/cases/" + id).then().statusCode(200);
        // Lists respect the same scopes.
        as(token("o2-" + s, "petition_officer", a.otherCounty(), null)).get("/api/v1/cases?limit=500").then()
                .statusCode(200).body("items.id", not(hasItem(id)));
        as(who.citizen()).get("/api/v1/cases").then().statusCode(200).body("items.id", hasItem(id));
        as(token("someone-" + s, "citizen", null, null)).get("/api/v1/cases").then().statusCode(200)
                .body("items.id", not(hasItem(id)));
        as(who.handler()).get("/api/v1/cases").then().statusCode(200).body("items.id", hasItem(id));
        // Anonymous: only the public tracking view.
        given().get("/api/v1/cases/" + id).then().statusCode(401);
    }
}
