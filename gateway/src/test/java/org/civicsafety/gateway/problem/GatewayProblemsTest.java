package org.civicsafety.gateway.problem;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import org.civicsafety.gateway.support.Tokens;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.function.Function;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

/** The gateway's own refusals and its own API carry the platform catalogue's types, titled by Accept-Language. */
@QuarkusTest
class GatewayProblemsTest {

    @Test
    void unauthorized() {
        assertProblem(r -> r.get("/api/v1/incidents"), "unauthorized", 401, "Authentication required", "需要身份认证");
    }

    @Test
    void forbidden() {
        assertProblem(r -> r.header("Authorization", Tokens.bearer("someone", "citizen")).get("/api/v1/partner-keys"),
                "forbidden", 403, "Forbidden", "无权操作");
    }

    @Test
    void notFound() {
        assertProblem(r -> r.get("/no-route-here"), "not-found", 404, "Not found", "资源不存在");
    }

    @Test
    void validationAndMalformedRequestOnTheGatewaysOwnApi() {
        String admin = Tokens.bearer("admin-1", "admin");
        assertProblem(r -> r.header("Authorization", admin).get("/api/v1/partner-keys?limit=lots"),
                "validation", 400, "Validation failed", "请求校验失败");
        assertProblem(r -> r.header("Authorization", admin).contentType("application/json").body("{\"partnerId\":")
                .post("/api/v1/partner-keys"), "malformed-request", 400, "Malformed request", "请求格式错误");
    }

    @Test
    void rateLimited() {
        // the tracking lookup allows 10 a minute per address; other tests may have used part of it
        for (int i = 0; i < 11; i++) {
            given().get("/api/v1/cases/track/P" + i);
        }
        assertProblem(r -> r.get("/api/v1/cases/track/PX"), "rate-limited", 429, "Too many requests", "请求过于频繁");
    }

    private static void assertProblem(Function<RequestSpecification, Response> call, String slug, int status,
            String en, String zh) {
        for (Map.Entry<String, String> language : Map.of("en", en, "zh-CN", zh, "", zh).entrySet()) {
            RequestSpecification request = given();
            if (!language.getKey().isEmpty()) {
                request.header("Accept-Language", language.getKey());
            }
            call.apply(request).then().statusCode(status).contentType("application/problem+json")
                    .body("type", equalTo("https://civicsafety.org/problems/" + slug))
                    .body("status", equalTo(status))
                    .body("title", equalTo(language.getValue()));
        }
    }
}
