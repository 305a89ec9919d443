package org.civicsafety.grid.open311;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;
import io.smallrye.jwt.build.Jwt;
import org.civicsafety.grid.Fixtures;
import org.civicsafety.grid.Tokens;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;

/** What a partner key changes in Open311: which categories it may post, and which requests it reads back. */
@QuarkusTest
class Open311PartnerTest {
    /** The gateway's internal token for an api_key that may post {@code categories}. */
    static String gatewayToken(String partner, List<String> categories) {
        return Jwt.subject("gateway").groups(Set.of("partner")).claim("partner", partner)
                .claim("categories", categories).jws().keyId("dev-idp").sign();
    }

    static RequestSpecification post(String token, Fixtures.Hierarchy h, String code) {
        RequestSpecification r = given().contentType("application/x-www-form-urlencoded; charset=UTF-8")
                .formParam("service_code", code).formParam("lat", h.centerLat()).formParam("long", h.centerLon());
        return token == null ? r : r.auth().oauth2(token);
    }

    static RequestSpecification as(String token) {
        return token == null ? given() : given().auth().oauth2(token);
    }

    @Test
    void anUnknownServiceCodeIsA400WhateverTheKeyMayPost() {
        Fixtures.Hierarchy h = Fixtures.hierarchy();
        String lights = gatewayToken("p-" + Fixtures.suffix(), List.of("STREET_LIGHT"));
        post(lights, h, "NO_SUCH_CODE").post("/open311/v2/requests.json").then().statusCode(400)
                .body("[0].code", equalTo(400)).body("[0].description", containsString("service_code"));
        post(lights, h, "NO_SUCH_CODE").post("/open311/v2/requests.xml").then().statusCode(400)
                .body("errors.error.code", equalTo("400"));
        post(null, h, "NO_SUCH_CODE").post("/open311/v2/requests.json").then().statusCode(400);
        post(Tokens.token("gateway", "partner", null, null, "p-" + Fixtures.suffix()), h, "NO_SUCH_CODE")
                .post("/open311/v2/requests.json").then().statusCode(400);
        // a known category the key may not post stays a 403, one it may post is created
        post(lights, h, "MANHOLE_COVER").post("/open311/v2/requests.json").then().statusCode(403)
                .body("[0].code", equalTo(403)).body("[0].description", containsString("MANHOLE_COVER"));
        post(lights, h, "STREET_LIGHT").post("/open311/v2/requests.json").then().statusCode(201);
        post(null, h, "STREET_LIGHT").post("/open311/v2/requests.json").then().statusCode(403);
    }

    @Test
    void theJsonApiTellsAnUnknownCategoryFromOneTheKeyMayNotReport() {
        Fixtures.Hierarchy h = Fixtures.hierarchy();
        String lights = gatewayToken("pj-" + Fixtures.suffix(), List.of("STREET_LIGHT"));
        java.util.function.Function<String, java.util.Map<String, Object>> report = code -> java.util.Map.of(
                "categoryCode", code, "description", "posted by a partner system", "lat", h.centerLat(), "lon",
                h.centerLon());
        as(lights).contentType("application/json").body(report.apply("NO_SUCH_CODE")).post("/api/v1/incidents")
                .then().statusCode(400).body("errors.field", hasItem("categoryCode"));
        as(lights).contentType("application/json").body(report.apply("MANHOLE_COVER")).post("/api/v1/incidents")
                .then().statusCode(403).body("detail", containsString("MANHOLE_COVER"));
        as(lights).contentType("application/json").body(report.apply("STREET_LIGHT")).post("/api/v1/incidents")
                .then().statusCode(201).body("state", equalTo("DISPATCHED"));
    }

    @Test
    void aPartnerReadsBackItsOwnRequestsInPrivateCategoriesAndNobodyElseDoes() {
        Fixtures.Hierarchy h = Fixtures.hierarchy();
        String mine = gatewayToken("own-" + Fixtures.suffix(), List.of("NEIGHBOUR_DISPUTE"));
        String other = gatewayToken("other-" + Fixtures.suffix(), List.of("NEIGHBOUR_DISPUTE"));
        String number = post(mine, h, "NEIGHBOUR_DISPUTE").formParam("attribute[dispute_type]", "noise")
                .formParam("first_name", "Secretname").formParam("phone", "13911112222")
                .formParam("description", "Loud music every night")
                .post("/open311/v2/requests.json").then().statusCode(201).extract().path("[0].service_request_id");
        given().auth().oauth2(mine).contentType("application/x-www-form-urlencoded")
                .formParam("service_request_id", number).formParam("description", "Neighbours were spoken to")
                .post("/open311/v2/servicerequestupdates.json").then().statusCode(200);
        String token = given().auth().oauth2(Tokens.admin()).get("/api/v1/incidents?categoryCode=NEIGHBOUR_DISPUTE")
                .then().statusCode(200).extract().path("items.find { it.number == '" + number + "' }.id");

        // the posting partner: the request, its updates and its token, without personal data
        given().auth().oauth2(mine).get("/open311/v2/requests/" + number + ".json").then().statusCode(200)
                .body("[0].service_request_id", equalTo(number)).body("[0].service_code", equalTo("NEIGHBOUR_DISPUTE"))
                .body(not(containsString("Secretname"))).body(not(containsString("13911112222")));
        given().auth().oauth2(mine).get("/open311/v2/requests/" + number + ".xml").then().statusCode(200)
                .body("service_requests.request.service_request_id", equalTo(number));
        given().auth().oauth2(mine).get("/open311/v2/requests.json?extensions=true&service_request_id=" + number)
                .then().statusCode(200).body("", hasSize(1)).body("[0].notes.summary", hasItem("COMMENT"))
                .body(not(containsString("Secretname")));
        given().auth().oauth2(mine).get("/open311/v2/requests.json?service_code=NEIGHBOUR_DISPUTE").then()
                .statusCode(200).body("service_request_id", hasItem(number));
        given().auth().oauth2(mine).get("/open311/v2/servicerequestupdates.json").then().statusCode(200)
                .body("service_request_updates.service_request_id", hasItem(number))
                .body("service_request_updates.description", hasItem("Neighbours were spoken to"));
        given().auth().oauth2(mine).get("/open311/v2/tokens/" + token + ".json").then().statusCode(200)
                .body("[0].service_request_id", equalTo(number));

        // another partner and anonymous callers do not see it at all
        for (String reader : new String[]{other, null}) {
            as(reader).get("/open311/v2/requests/" + number + ".json").then().statusCode(404);
            as(reader)
                    .get("/open311/v2/requests.json?service_request_id=" + number).then().statusCode(200)
                    .body("", hasSize(0));
            as(reader)
                    .get("/open311/v2/requests.xml?service_code=NEIGHBOUR_DISPUTE").then().statusCode(200)
                    .body(not(containsString(number)));
            as(reader).get("/open311/v2/servicerequestupdates.json")
                    .then().statusCode(200).body(not(containsString(number)));
            as(reader).get("/open311/v2/tokens/" + token + ".json")
                    .then().statusCode(404);
        }
    }
}
