package org.civicsafety.grid.open311;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import org.civicsafety.grid.Fixtures;
import org.civicsafety.grid.Tokens;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;

@QuarkusTest
class Open311Test {
    @Inject AgroalDataSource ds;

    static String partner() {
        return Tokens.token("gateway", "partner", null, null, "fms-" + Fixtures.suffix());
    }

    static RequestSpecification form(String token, Fixtures.Hierarchy h, String code) {
        return form(token, h, code, "acc-1");
    }

    static RequestSpecification form(String token, Fixtures.Hierarchy h, String code, String accountId) {
        RequestSpecification r = given().contentType("application/x-www-form-urlencoded; charset=UTF-8")
                .formParam("service_code", code)
                .formParam("lat", h.centerLat()).formParam("long", h.centerLon())
                .formParam("address_string", "8 High Street")
                .formParam("description", "Exit blocked by boxes and loose wires")
                .formParam("first_name", "Li").formParam("last_name", "Lei")
                .formParam("phone", "13900001111").formParam("email", "li@example.org")
                .formParam("account_id", accountId).formParam("device_id", "dev-1");
        return token == null ? r : r.auth().oauth2(token);
    }

    @Test
    void discoveryServicesAndDefinitionsInJsonAndXml() {
        given().get("/open311/v2/discovery.json").then().statusCode(200)
                .body("endpoints[0].specification", equalTo("http://wiki.open311.org/GeoReport_v2"))
                .body("endpoints[0].formats", hasItems("text/xml", "application/json"));
        given().get("/open311/v2/discovery.xml").then().statusCode(200).contentType(containsString("text/xml"))
                .body("discovery.endpoints.endpoint.specification", equalTo("http://wiki.open311.org/GeoReport_v2"));
        given().get("/open311/v2/services.json").then().statusCode(200)
                .body("service_code", hasItems("FIGHT", "STREET_LIGHT"))
                .body("find { it.service_code == 'GAS_LEAK' }.metadata", equalTo(true))
                .body("find { it.service_code == 'GAS_LEAK' }.type", equalTo("realtime"))
                .body("find { it.service_code == 'GAS_LEAK' }.service_name", equalTo("燃气泄漏"));
        given().header("Accept-Language", "en").get("/open311/v2/services.xml").then().statusCode(200)
                .body("services.service.find { it.service_code == 'GAS_LEAK' }.service_name", equalTo("Gas leak"));
        given().header("Accept-Language", "en").get("/open311/v2/services/FIRE_HAZARD.xml").then().statusCode(200)
                .body("service_definition.service_code", equalTo("FIRE_HAZARD"))
                .body("service_definition.attributes.attribute[0].code", equalTo("hazard_type"))
                .body("service_definition.attributes.attribute[0].datatype", equalTo("multivaluelist"))
                .body("service_definition.attributes.attribute[0].required", equalTo("true"))
                .body("service_definition.attributes.attribute[0].variable", equalTo("true"))
                .body("service_definition.attributes.attribute[0].values.value.key", hasItem("wiring"));
        given().get("/open311/v2/services/FIRE_HAZARD.json").then().statusCode(200)
                .body("attributes[0].order", equalTo(1)).body("attributes[0].values.key", hasItem("blocked_exit"));
        given().get("/open311/v2/services/NOPE.json").then().statusCode(404)
                .body("[0].code", equalTo(404)).body("[0].description", notNullValue());
        given().get("/open311/v2/services/NOPE.xml").then().statusCode(404)
                .body("errors.error.code", equalTo("404"));
    }

    @Test
    void postAndReadRequestsBothFormats() throws Exception {
        Fixtures.Hierarchy h = Fixtures.hierarchy();
        String partner = partner();
        String id = form(partner, h, "FIRE_HAZARD")
                .formParam("attribute[hazard_type][]", "wiring")
                .formParam("attribute[hazard_type][]", "blocked_exit")
                .formParam("media_url", "https://example.org/p.jpg")
                .post("/open311/v2/requests.json").then().statusCode(201)
                .body("[0].service_request_id", startsWith("SJ-"))
                .body("[0].account_id", equalTo("acc-1"))
                .extract().path("[0].service_request_id");

        given().get("/open311/v2/requests/" + id + ".json").then().statusCode(200)
                .body("[0].service_request_id", equalTo(id))
                .body("[0].status", equalTo("open"))
                .body("[0].service_code", equalTo("FIRE_HAZARD"))
                .body("[0].agency_responsible", equalTo("unit-" + h.township()))
                .body("[0].expected_datetime", notNullValue())
                .body("[0].media_url", equalTo("https://example.org/p.jpg"))
                .body("[0].address", equalTo("8 High Street"))
                .body(not(containsString("13900001111")))
                .body(not(containsString("Lei")));
        given().get("/open311/v2/requests/" + id + ".xml").then().statusCode(200)
                .body("service_requests.request.service_request_id", equalTo(id))
                .body("service_requests.request.status", equalTo("open"));
        given().get("/open311/v2/requests.json?extensions=true&service_request_id=" + id + ",SJ-0000-000000")
                .then().statusCode(200).body("", hasSize(1))
                .body("[0].notes.summary", hasItems("REPORT", "DISPATCH"))
                .body("[0].extended_attributes.level", equalTo("TOWNSHIP"));
        given().get("/open311/v2/requests.xml?extensions=true&service_request_id=" + id).then().statusCode(200)
                .body("service_requests.request.notes.note.summary", hasItems("REPORT", "DISPATCH"));
        given().get("/open311/v2/requests.json?service_code=FIRE_HAZARD&status=open&page_size=1&page=1")
                .then().statusCode(200).body("", hasSize(1));
        given().get("/open311/v2/requests.xml?start_date=2026-01-01T00:00:00Z&end_date=2026-06-01T00:00:00Z")
                .then().statusCode(400).body("errors.error.code", equalTo("400"));
        given().get("/open311/v2/requests.json?start_date=yesterday&page_size=0").then().statusCode(400)
                .body("code", hasItems(400, 400));

        String token;
        try (Connection c = ds.getConnection();
                PreparedStatement ps = c.prepareStatement("SELECT id FROM incident WHERE number = ?")) {
            ps.setString(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                token = rs.getString(1);
            }
        }
        given().get("/open311/v2/tokens/" + token + ".json").then().statusCode(200)
                .body("[0].service_request_id", equalTo(id)).body("[0].token", equalTo(token));
        given().get("/open311/v2/tokens/" + token + ".xml").then().statusCode(200)
                .body("service_requests.request.service_request_id", equalTo(id));

        // the JSON API sees the attributes, the partner and the reporter's data (for its own)
        given().auth().oauth2(partner).get("/api/v1/incidents?categoryCode=FIRE_HAZARD").then().statusCode(200)
                .body("items[0].number", equalTo(id))
                .body("items[0].attributes.hazard_type", hasItems("wiring", "blocked_exit"))
                .body("items[0].source", equalTo("PARTNER"));

        // FixMyStreet updates
        String updateId = given().auth().oauth2(partner).contentType("application/x-www-form-urlencoded")
                .formParam("service_request_id", id).formParam("description", "Caller says it got worse")
                .formParam("updated_datetime", "2026-11-21T10:00:00+08:00").formParam("status", "OPEN")
                .post("/open311/v2/servicerequestupdates.json").then().statusCode(200)
                .extract().path("[0].update_id");
        given().get("/open311/v2/servicerequestupdates.json").then().statusCode(200)
                .body("service_request_updates.find { it.update_id == '" + updateId + "' }.description",
                        equalTo("Caller says it got worse"));
        given().get("/open311/v2/servicerequestupdates.xml").then().statusCode(200)
                .body("service_request_updates.request_update.update_id", hasItem(updateId));
        given().auth().oauth2(partner()).contentType("application/x-www-form-urlencoded")
                .formParam("service_request_id", id).formParam("description", "not mine")
                .post("/open311/v2/servicerequestupdates").then().statusCode(404)
                .body("errors.error.code", equalTo("404"));
    }

    @Test
    void writesNeedAPartnerAndValidInput() {
        Fixtures.Hierarchy h = Fixtures.hierarchy();
        form(null, h, "FIRE_HAZARD").formParam("attribute[hazard_type][]", "wiring")
                .post("/open311/v2/requests.json").then().statusCode(403)
                .body("[0].code", equalTo(403));
        form("garbage", h, "FIRE_HAZARD").post("/open311/v2/requests.xml").then().statusCode(403)
                .body("errors.error.code", equalTo("403"));
        form(Tokens.token("c", "citizen", null, null, null), h, "FIRE_HAZARD").post("/open311/v2/requests.json")
                .then().statusCode(403);
        form(partner(), h, "FIRE_HAZARD").post("/open311/v2/requests.json").then().statusCode(400)
                .body("description", hasItem(containsString("attributes.hazard_type")));
        form(partner(), h, "NOPE").post("/open311/v2/requests.xml").then().statusCode(400)
                .body("errors.error.description", containsString("service_code"));
        given().auth().oauth2(partner()).contentType("application/x-www-form-urlencoded")
                .formParam("service_code", "STREET_LIGHT").formParam("address_string", "somewhere")
                .post("/open311/v2/requests.json").then().statusCode(400)
                .body("[0].description", containsString("lat"));
        // fields GeoReport v2 does not define for a POST, and a malformed e-mail, are refused by name
        given().auth().oauth2(partner()).contentType("application/x-www-form-urlencoded")
                .formParam("service_code", "STREET_LIGHT").formParam("lat", h.centerLat())
                .formParam("long", h.centerLon()).formParam("start_date", "bad").formParam("email", "not-an-email@")
                .post("/open311/v2/requests.json").then().statusCode(400)
                .body("description", hasItem(containsString("start_date")))
                .body("description", hasItem(containsString("email")));
        // address_id = a grid code places the report inside that grid
        given().auth().oauth2(partner()).contentType("application/x-www-form-urlencoded")
                .formParam("service_code", "STREET_LIGHT").formParam("address_id", h.grid())
                .post("/open311/v2/requests.json").then().statusCode(201);
    }

    @Test
    void clientRequestIdMakesPostsIdempotentAndPrivateCategoriesStayHidden() {
        Fixtures.Hierarchy h = Fixtures.hierarchy();
        String partner = partner();
        String a = form(partner, h, "STREET_LIGHT").formParam("client_request_id", "cr-1")
                .post("/open311/v2/requests.json").then().statusCode(201).extract().path("[0].service_request_id");
        String b = form(partner, h, "STREET_LIGHT").formParam("client_request_id", "cr-1")
                .post("/open311/v2/requests.json").then().statusCode(201).extract().path("[0].service_request_id");
        assertEquals(a, b);
        // the same id in the other format is the same request; with another account_id (echoed) it is not
        form(partner, h, "STREET_LIGHT").formParam("client_request_id", "cr-1").post("/open311/v2/requests.xml")
                .then().statusCode(201).body("service_requests.request.service_request_id", equalTo(a));
        form(partner, h, "STREET_LIGHT", "acc-2").formParam("client_request_id", "cr-1")
                .post("/open311/v2/requests.json").then().statusCode(422).body("[0].code", equalTo(422));
        // the header is the key without client_request_id: the same key as a JSON API report is another request
        Map<String, Object> report = Map.of("categoryCode", "STREET_LIGHT", "description", "Exit blocked",
                "lat", h.centerLat(), "lon", h.centerLon());
        given().auth().oauth2(partner).contentType("application/json").header("Idempotency-Key", "both")
                .body(report).post("/api/v1/incidents").then().statusCode(201);
        form(partner, h, "STREET_LIGHT").header("Idempotency-Key", "both").post("/open311/v2/requests.json")
                .then().statusCode(422);
        form(partner, h, "STREET_LIGHT").header("Idempotency-Key", "").post("/open311/v2/requests.json").then()
                .statusCode(400).body("[0].description", startsWith("Idempotency-Key: "));
        form(partner, h, "STREET_LIGHT").formParam("client_request_id", "c".repeat(129))
                .post("/open311/v2/requests.json").then().statusCode(400)
                .body("[0].description", startsWith("client_request_id: "));
        String hidden = form(partner, h, "NEIGHBOUR_DISPUTE").formParam("attribute[dispute_type]", "noise")
                .post("/open311/v2/requests.json").then().statusCode(201).extract().path("[0].service_request_id");
        given().get("/open311/v2/requests/" + hidden + ".json").then().statusCode(404);
        given().get("/open311/v2/requests.json?service_request_id=" + hidden).then().statusCode(200)
                .body("", hasSize(0));
    }
}
