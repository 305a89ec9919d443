package org.civicsafety.assessment.common;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import org.civicsafety.assessment.support.Tokens;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.UUID;
import java.util.function.Function;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

/** Representative errors carry the platform catalogue's type and status, titled in zh-CN by default and in en on request. */
@QuarkusTest
class ProblemCatalogueApiTest {

    private final String analyst = Tokens.token("analyst", null);

    @Test
    void validation() {
        assertProblem(r -> r.auth().oauth2(analyst).contentType("application/json").body(Map.of("title", ""))
                .post("/api/v1/risk-assessments"), "validation", 400, "Validation failed", "请求校验失败");
    }

    @Test
    void malformedRequest() {
        assertProblem(r -> r.auth().oauth2(analyst).contentType("application/json").body("{\"title\":")
                .post("/api/v1/risk-assessments"), "malformed-request", 400, "Malformed request", "请求格式错误");
    }

    @Test
    void unauthorized() {
        assertProblem(r -> r.get("/api/v1/risk-assessments/" + UUID.randomUUID()), "unauthorized", 401,
                "Authentication required", "需要身份认证");
    }

    @Test
    void forbidden() {
        assertProblem(
                r -> r.auth().oauth2(Tokens.token("citizen", null))
                        .get("/api/v1/risk-assessments/" + UUID.randomUUID()),
                "forbidden", 403, "Forbidden", "无权操作");
    }

    @Test
    void notFound() {
        assertProblem(r -> r.auth().oauth2(analyst).get("/api/v1/risk-assessments/" + UUID.randomUUID()),
                "not-found", 404, "Not found", "资源不存在");
    }

    @Test
    void methodNotAllowed() {
        assertProblem(r -> r.auth().oauth2(analyst).delete("/api/v1/risk-assessments"),
                "method-not-allowed", 405, "Method not allowed", "不支持该请求方法");
    }

    @Test
    void unsupportedMediaType() {
        assertProblem(
                r -> r.auth().oauth2(analyst).contentType("text/plain").body("hello").post("/api/v1/risk-assessments"),
                "unsupported-media-type", 415, "Unsupported media type", "不支持的媒体类型");
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
