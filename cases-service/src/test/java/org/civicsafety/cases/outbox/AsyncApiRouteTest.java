package org.civicsafety.cases.outbox;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

/** The event contract is served beside the OpenAPI document, without a login, and is not part of it. */
@QuarkusTest
class AsyncApiRouteTest {

    @Test
    void servesTheDocumentAsYamlAndJson() {
        given().get("/q/asyncapi").then().statusCode(200).contentType(startsWith("application/yaml"))
                .body(startsWith("asyncapi: 3.0.0"));
        given().queryParam("format", "json").get("/q/asyncapi").then().statusCode(200)
                .contentType(startsWith("application/json"))
                .body("asyncapi", equalTo("3.0.0"))
                .body("info.title", equalTo("cases-service events"))
                .body("channels.cases.address", equalTo("civicsafety.cases.v1"))
                .body("components.messages.caseRegistered.name", equalTo("org.civicsafety.case.registered.v1"));
        given().queryParam("format", "json").get("/q/openapi").then().statusCode(200)
                .body("paths.keySet()", not(org.hamcrest.Matchers.hasItem("/q/asyncapi")));
    }
}
