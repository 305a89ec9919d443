package org.civicsafety.gateway.routing;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.JsonObject;
import org.civicsafety.gateway.support.FakeUpstream;
import org.civicsafety.gateway.support.Tokens;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.URL;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Bodies stream through the gateway both ways; oversized bodies are refused with 413. */
@QuarkusTest
class StreamingTest {

    private static final int MB = 1024 * 1024;

    @TestHTTPResource("/") URL gateway;

    Vertx vertx;
    HttpClient client;

    @BeforeEach
    void client() {
        vertx = Vertx.vertx();
        client = vertx.createHttpClient();
    }

    @AfterEach
    void close() {
        vertx.close().toCompletionStage().toCompletableFuture().join();
    }

    private RequestOptions post(String path) {
        return new RequestOptions().setMethod(HttpMethod.POST).setHost(gateway.getHost()).setPort(gateway.getPort())
                .setURI(path).putHeader("Authorization", Tokens.bearer("uploader", "citizen"))
                .putHeader("Content-Type", "application/octet-stream");
    }

    @Test
    void aTenMegabyteUploadReachesTheServiceBeforeTheClientHasSentIt() throws Exception {
        FakeUpstream.firstUploadBytes = new CompletableFuture<>();
        MessageDigest digest = MessageDigest.getInstance("SHA-256");
        HttpClientRequest request = client.request(post("/api/v1/incidents/x/media/upload"))
                .toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
        request.setChunked(true);
        // the body is read on the event loop as soon as the response arrives, or it would be lost
        CompletableFuture<Buffer> response = request.response()
                .compose(r -> r.statusCode() == 200 ? r.body()
                        : io.vertx.core.Future.failedFuture("status " + r.statusCode()))
                .toCompletionStage().toCompletableFuture();
        byte[] chunk = new byte[MB];
        for (int i = 0; i < chunk.length; i++) {
            chunk[i] = (byte) (i * 31);
        }
        request.write(Buffer.buffer(chunk));
        digest.update(chunk);
        // a buffering proxy would hold the first megabyte until the client ends the body
        FakeUpstream.firstUploadBytes.get(5, TimeUnit.SECONDS);
        for (int i = 1; i < 10; i++) {
            request.write(Buffer.buffer(chunk)).toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
            digest.update(chunk);
        }
        request.end();
        JsonObject body = response.get(30, TimeUnit.SECONDS).toJsonObject();
        assertEquals(10L * MB, body.getLong("bytes"));
        assertEquals(HexFormat.of().formatHex(digest.digest()), body.getString("sha256"));
    }

    @Test
    void largeDownloadsStreamBack() throws Exception {
        long total = 20L * MB;
        RequestOptions options = new RequestOptions().setMethod(HttpMethod.GET).setHost(gateway.getHost())
                .setPort(gateway.getPort()).setURI("/api/v1/incidents/x/media/download?bytes=" + total)
                .putHeader("Authorization", Tokens.bearer("downloader", "citizen"));
        long[] received = {0};
        String[] meta = new String[2];
        client.request(options).compose(HttpClientRequest::send).compose(response -> {
            meta[0] = String.valueOf(response.statusCode());
            meta[1] = response.getHeader("Transfer-Encoding");
            response.handler(b -> received[0] += b.length());
            return response.end();
        }).toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        assertEquals("200", meta[0]);
        assertEquals("chunked", meta[1]);
        assertEquals(total, received[0]);
    }

    /**
     * A list's CSV export (console-api design §1): the gateway passes Accept: text/csv on and streams the answer
     * with its type and download name — the client reads the first rows while the service still holds the rest.
     */
    @Test
    void aCsvExportStreamsThroughAsTheServiceWritesIt() throws Exception {
        FakeUpstream.csvRest = new CompletableFuture<>();
        int rows = 100_000;
        RequestOptions options = new RequestOptions().setMethod(HttpMethod.GET).setHost(gateway.getHost())
                .setPort(gateway.getPort()).setURI("/api/v1/cases?rows=" + rows)
                .putHeader("Authorization", Tokens.bearer("officer", "petition_officer"))
                .putHeader("Accept", "text/csv");
        CompletableFuture<Long> firstBytes = new CompletableFuture<>();
        long[] received = {0};
        String[] meta = new String[3];
        CompletableFuture<Void> done = client.request(options).compose(HttpClientRequest::send).compose(response -> {
            meta[0] = String.valueOf(response.statusCode());
            meta[1] = response.getHeader("Content-Type");
            meta[2] = response.getHeader("Content-Disposition");
            response.handler(b -> {
                received[0] += b.length();
                firstBytes.complete(received[0]);
            });
            return response.end();
        }).toCompletionStage().toCompletableFuture();
        // a buffering proxy would show nothing until the service has written all 10 MB
        firstBytes.get(10, TimeUnit.SECONDS);
        assertFalse(done.isDone(), "the answer is still coming");
        FakeUpstream.csvRest.complete(null);
        done.get(60, TimeUnit.SECONDS);
        assertEquals("200", meta[0]);
        assertEquals("text/csv; charset=UTF-8", meta[1]);
        assertEquals("attachment; filename=\"cases-20261205.csv\"", meta[2]);
        assertEquals(3 + "id,title\r\n".length() + 100L * rows, received[0]);
    }

    @Test
    void declaredOversizedBodiesAre413BeforeAnyUpload() throws Exception {
        FakeUpstream.firstUploadBytes = new CompletableFuture<>();
        HttpClientRequest request = client.request(post("/api/v1/incidents/x/media/upload")
                .putHeader("Content-Length", String.valueOf(12 * MB + 1)))
                .toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
        CompletableFuture<JsonObject> answer = request.response()
                .compose(r -> r.body().map(b -> b.toJsonObject().put("_status", r.statusCode())
                        .put("_type", r.getHeader("Content-Type"))))
                .toCompletionStage().toCompletableFuture();
        request.write(Buffer.buffer(new byte[64 * 1024]));
        JsonObject problem = answer.get(10, TimeUnit.SECONDS);
        assertEquals(413, problem.getInteger("_status"));
        assertEquals("application/problem+json", problem.getString("_type"));
        assertEquals("https://civicsafety.org/problems/payload-too-large", problem.getString("type"));
        assertFalse(FakeUpstream.firstUploadBytes.isDone(), "nothing reached the service");
    }

    @Test
    void aClientUploadingAnOversizedBodyWholeStillReadsThe413() {
        given().header("Authorization", Tokens.bearer("uploader", "citizen"))
                .contentType("application/json")
                .body(new byte[13 * MB])
                .when().post("/api/v1/incidents")
                .then().statusCode(413)
                .contentType("application/problem+json")
                .body("status", equalTo(413));
    }

    @Test
    void theAreaImportHasItsOwnLargerLimit() {
        given().header("Authorization", Tokens.bearer("importer", "admin"))
                .contentType("application/geo+json")
                .body(new byte[13 * MB])
                .when().post("/api/v1/areas/import")
                .then().statusCode(200).body("bytes", equalTo(13 * MB));
    }

    @Test
    void chunkedBodiesAreCutOffAtTheLimit() throws Exception {
        HttpClientRequest request = client.request(post("/api/v1/incidents/x/media/upload"))
                .toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
        request.setChunked(true);
        CompletableFuture<HttpClientResponse> response = request.response().toCompletionStage().toCompletableFuture();
        byte[] chunk = new byte[MB];
        // writes may fail once the gateway has answered and closed; the answer is what matters.
        // Each megabyte goes out once the previous one has (or the answer is there): a paced upload.
        for (int i = 0; i < 14 && !response.isDone(); i++) {
            CompletableFuture<Void> written = request.write(Buffer.buffer(chunk)).toCompletionStage()
                    .toCompletableFuture();
            await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(20))
                    .until(() -> written.isDone() || response.isDone());
        }
        request.end();
        HttpClientResponse resp = response.get(20, TimeUnit.SECONDS);
        assertEquals(413, resp.statusCode());
        assertTrue(resp.getHeader("Content-Type").startsWith("application/problem+json"));
    }

    @Test
    void smallBodiesStillFlowWhenALimitIsSet() {
        given().header("Authorization", Tokens.bearer("uploader", "citizen"))
                .contentType("application/octet-stream")
                .body(new byte[3 * MB])
                .when().post("/api/v1/incidents/x/media/upload")
                .then().statusCode(200)
                .body("bytes", equalTo(3 * MB));
    }
}
