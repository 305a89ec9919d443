package org.civicsafety.cases.workload;

import static io.restassured.RestAssured.given;

import io.quarkus.test.junit.QuarkusIntegrationTest;
import org.junit.jupiter.api.Test;

@QuarkusIntegrationTest
class WorkloadIT {
    @Test
    void trial() {
        for (int i = 0; i < 20; i++) {
            given().get("/q/health/ready").then().statusCode(200);
            given().get("/api/v1/cases").then().statusCode(401);
        }
    }
}
