package org.civicsafety.cases.api;

import static io.restassured.RestAssured.given;
import static org.civicsafety.cases.api.TestSupport.*;
import static org.hamcrest.Matchers.*;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/** Inputs found by fault injection (NUL bytes, malformed codes) are 4xx problems, never a 500. */
@QuarkusTest
class HostileInputTest {

    @Inject DataSource ds;

    @Test
    void trackingCodesThatCannotExistAreNotFound() {
        for (String code : new String[]{"%00", "ABC%00DEF2345", "ABCDEFGHJKM", "ABCDEFGHJKMNP", "ABCDEFGHJKM0",
                "%E5%BC%A0%E4%B8%89", "%20%20"}) {
            problem(given().urlEncodingEnabled(false).get("/api/v1/cases/track/" + code).then(), 404)
                    .body("type", equalTo("https://civicsafety.org/problems/not-found"));
        }
    }

    @Test
    void nulBytesInListFiltersAreBadRequests() {
        String admin = token("a-" + suffix(), "admin", null, null);
        problem(given().urlEncodingEnabled(false).auth().oauth2(admin).get("/api/v1/cases?areaCode=%00nul").then(), 400)
                .body("errors.field", hasItem("areaCode"));
        problem(given().urlEncodingEnabled(false).auth().oauth2(admin).get("/api/v1/cases/stats?areaCode=%00").then(),
                400)
                .body("errors.field", hasItem("areaCode"));
        problem(given().urlEncodingEnabled(false).auth().oauth2(admin).get("/api/v1/cases?unitId=u%00").then(), 400)
                .body("errors.field", hasItem("unitId"));
        problem(given().urlEncodingEnabled(false).auth().oauth2(admin).get("/api/v1/cases?q=a%00b").then(), 400)
                .body("errors.field", hasItem("q"));
    }

    @Test
    void areaFilterSelectsTheSubtreeWithOtherFilters() throws Exception {
        Areas a = areas(ds);
        String id = as(token("c-" + suffix(), "citizen", null, null))
                .body(caseBody(a.village(), "ONLINE", "SUGGESTION", randomPhone()))
                .post("/api/v1/cases").then().statusCode(201).extract().path("id");
        String officer = token("o-" + suffix(), "petition_officer", a.county(), null);
        as(officer)
                .get("/api/v1/cases?areaCode=" + a.township()
                        + "&state=REGISTERED&channel=ONLINE&type=SUGGESTION&limit=50")
                .then().statusCode(200).body("items.id", hasItem(id));
        as(officer).get("/api/v1/cases?areaCode=" + a.village() + "&state=FINAL").then().statusCode(200)
                .body("items.id", not(hasItem(id)));
        as(officer).get("/api/v1/cases?areaCode=" + a.otherCounty()).then().statusCode(200)
                .body("items.id", not(hasItem(id)));
        as(officer).get("/api/v1/cases?areaCode=" + a.county() + "&backlog=false&overdue=false").then().statusCode(200)
                .body("items.id", hasItem(id));
    }
}
