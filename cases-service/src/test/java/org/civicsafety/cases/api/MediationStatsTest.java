package org.civicsafety.cases.api;

import static org.civicsafety.cases.api.TestSupport.*;
import static org.hamcrest.Matchers.*;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** GET /api/v1/mediations/stats over mediations of a fresh area hierarchy, each ended its own way. */
@QuarkusTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MediationStatsTest {

    @Inject DataSource ds;
    Areas a;
    String s;
    String mediator;
    String analyst;

    @BeforeAll
    void setUp() throws Exception {
        a = areas(ds);
        s = suffix();
        mediator = token("mediator-" + s, "mediator", a.county(), null);
        analyst = token("analyst-" + s, "analyst", a.county(), null);
    }

    /** A mediation in {@code area}, taken through {@code steps} (consents first unless it is refused). */
    String mediation(String mediatorId, String area, String ending, String followUp) {
        Map<String, Object> b = new HashMap<>(Map.of("type", "PEOPLES", "areaCode", area, "summary", words(5),
                "disputeCategory", "NEIGHBOURHOOD", "mediators", List.of(mediatorId), "parties",
                List.of(Map.of("role", "APPLICANT", "name", "甲"), Map.of("role", "RESPONDENT", "name", "乙"))));
        Response created = as(mediator).body(b).post("/api/v1/mediations");
        created.then().statusCode(201);
        String id = created.path("id");
        if (ending == null) {
            return id;
        }
        if (ending.equals("REFUSE")) {
            step(id, Map.of("action", "REFUSE", "partyId", created.path("parties[1].id"), "reason", "不愿调解"));
            return id;
        }
        for (int i = 0; i < 2; i++) {
            step(id, Map.of("action", "RECORD_CONSENT", "partyId", created.path("parties[" + i + "].id")));
        }
        if (ending.equals("FAIL")) {
            step(id, Map.of("action", "CONCLUDE_FAILED", "reason", "分歧较大", "referral", "LITIGATION"));
            return id;
        }
        Response agreed = step(id, Map.of("action", "CONCLUDE_AGREEMENT", "written", true, "terms", "赔偿",
                "obligations", List.of(Map.of("partyId", created.path("parties[1].id"), "content", "赔偿", "dueDate",
                        "2027-01-31"))));
        if (followUp != null) {
            step(id, Map.of("action", "FOLLOW_UP", "results", List.of(Map.of("obligationId",
                    agreed.path("agreement.obligations[0].id"), "status", followUp))));
        }
        return id;
    }

    Response step(String id, Map<String, Object> body) {
        Response r = as(mediator).body(body).post("/api/v1/mediations/" + id + "/transitions");
        r.then().statusCode(200);
        return r;
    }

    @Test
    void ratesCountOnlyTheConcludedAndSplitByTypeAndChildArea() {
        String admin = token("admin-" + s, "admin", null, null);
        String mediatorId = as(admin).body(Map.of("name", "王建国", "committee", "调委会", "areaCode", a.county(),
                "userId", "mediator-" + s)).post("/api/v1/mediators").then().statusCode(201).extract().path("id");
        mediation(mediatorId, a.village(), "AGREE", "FULFILLED");
        mediation(mediatorId, a.village(), "AGREE", "PARTIAL");
        mediation(mediatorId, a.township(), "FAIL", null);
        mediation(mediatorId, a.village(), "REFUSE", null);
        mediation(mediatorId, a.village(), null, null);

        as(analyst).get("/api/v1/mediations/stats").then().statusCode(200)
                .body("count", equalTo(5)).body("byState.OPEN", equalTo(1)).body("byState.FULFILLED", equalTo(1))
                .body("byState.AGREED", equalTo(1)).body("byState.ENDED", equalTo(2))
                .body("concluded", equalTo(3)).body("agreed", equalTo(2)).body("refused", equalTo(1))
                .body("withdrawn", equalTo(0)).body("successRate", equalTo(0.6667f))
                .body("villageLevelShare", equalTo(0.6667f)).body("medianDurationDays", equalTo(0.0f))
                .body("fulfilmentRate", equalTo(0.5f)).body("byType.PEOPLES.count", equalTo(5))
                .body("byArea.areaCode", contains(a.township())).body("byArea[0].figures.concluded", equalTo(3));
        as(analyst).queryParam("areaCode", a.township()).get("/api/v1/mediations/stats").then().statusCode(200)
                .body("areaCode", equalTo(a.township()))
                .body("byArea.areaCode", containsInAnyOrder(a.township(), a.village()))
                .body("byArea.find { it.areaCode == '" + a.village() + "' }.figures.count", equalTo(4))
                .body("byArea.find { it.areaCode == '" + a.village() + "' }.figures.villageLevelShare",
                        equalTo(1.0f))
                .body("byArea.find { it.areaCode == '" + a.township() + "' }.figures.successRate", equalTo(0.0f));
        String tomorrow = java.time.LocalDate.now(java.time.ZoneId.of("Asia/Shanghai")).plusDays(1).toString();
        as(analyst).queryParam("from", tomorrow).get("/api/v1/mediations/stats").then().statusCode(200)
                .body("count", equalTo(0)).body("successRate", nullValue());
        as(token("analyst2-" + s, "analyst", a.otherCounty(), null)).get("/api/v1/mediations/stats").then()
                .statusCode(200).body("count", equalTo(0)).body("byArea", empty());
        problem(as(analyst).queryParam("from", "yesterday").get("/api/v1/mediations/stats").then(), 400)
                .body("errors.field", hasItem("from"));
        problem(as(token("citizen-" + s, "citizen", null, null)).get("/api/v1/mediations/stats").then(), 403);
    }
}
