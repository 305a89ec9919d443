package org.civicsafety.grid.common;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import org.civicsafety.grid.Tokens;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.function.Function;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

/** Representative errors carry the platform catalogue's type and status, titled in zh-CN by default and in en on request. */
@QuarkusTest
class ProblemCatalogueApiTest {

    private final String admin = Tokens.admin();

    @Test
    void validation() {
        assertProblem(r -> r.auth().oauth2(admin).contentType("application/json").body(Map.of("code", ""))
                .post("/api/v1/areas"), "validation", 400, "Validation failed", "请求校验失败");
    }

    @Test
    void malformedRequest() {
        assertProblem(r -> r.auth().oauth2(admin).contentType("application/json").body("{\"code\":")
                .post("/api/v1/areas"), "malformed-request", 400, "Malformed request", "请求格式错误");
    }

    @Test
    void unauthorized() {
        assertProblem(r -> r.get("/api/v1/areas"), "unauthorized", 401, "Authentication required", "需要身份认证");
    }

    @Test
    void forbidden() {
        String citizen = Tokens.token("c-problems", "citizen", null, null, null);
        assertProblem(r -> r.auth().oauth2(citizen).contentType("application/json").body(Map.of("code", "X"))
                .post("/api/v1/areas"), "forbidden", 403, "Forbidden", "无权操作");
    }

    @Test
    void notFound() {
        assertProblem(r -> r.auth().oauth2(admin).get("/api/v1/areas/NO-SUCH-AREA-ANYWHERE"),
                "not-found", 404, "Not found", "资源不存在");
    }

    @Test
    void methodNotAllowed() {
        assertProblem(r -> r.auth().oauth2(admin).delete("/api/v1/areas"),
                "method-not-allowed", 405, "Method not allowed", "不支持该请求方法");
    }

    @Test
    void unsupportedMediaType() {
        assertProblem(r -> r.auth().oauth2(admin).contentType("text/plain").body("hello").post("/api/v1/areas"),
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
