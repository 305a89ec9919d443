package org.civicsafety.gateway.routing;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import org.civicsafety.gateway.support.Tokens;
import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URL;
import java.nio.charset.StandardCharsets;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Long query strings (up to a 16 KB request line) reach the service unchanged; longer ones are refused with 414. */
@QuarkusTest
class LongRequestLineTest {

    @TestHTTPResource("/") URL gateway;

    @Test
    void aSixThousandCharacterQueryIsPassedOn() {
        String value = "x".repeat(6000);
        given().header("Authorization", Tokens.bearer("long-line", "admin"))
                .urlEncodingEnabled(false)
                .when().get("/api/v1/areas?level=" + value)
                .then().statusCode(200)
                .body("instance", equalTo("grid"))
                .body("uri", endsWith("?level=" + value));
    }

    @Test
    void aRequestLineOverTheLimitIs414() throws Exception {
        // raw socket: the refusal comes from the HTTP decoder, before any handler (see README "Limits")
        try (Socket socket = new Socket(gateway.getHost(), gateway.getPort())) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(("GET /api/v1/areas?level=" + "x".repeat(20_000) + " HTTP/1.1\r\nHost: localhost\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            byte[] head = in.readNBytes(12);
            String statusLine = new String(head, StandardCharsets.US_ASCII);
            assertTrue(statusLine.matches("HTTP/1\\.[01] 414"), "answer starts with " + statusLine);
        }
    }
}
