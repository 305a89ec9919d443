package org.civicsafety.grid.incident;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import org.apache.commons.imaging.Imaging;
import org.apache.commons.imaging.formats.jpeg.JpegImageMetadata;
import org.civicsafety.grid.Fixtures;
import org.civicsafety.grid.Tokens;
import org.junit.jupiter.api.Test;

import javax.imageio.ImageIO;
import java.io.ByteArrayInputStream;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The incident audit trail (roles, append-only in the database) and idempotent, location-free media uploads. */
@QuarkusTest
class AuditAndMediaTest {
    @Inject AgroalDataSource ds;

    static String reportAs(String token, Fixtures.Hierarchy h) {
        return given().auth().oauth2(token).contentType(ContentType.JSON)
                .body(IncidentFlowTest.report(h, "STREET_LIGHT", Map.of())).post("/api/v1/incidents").then()
                .statusCode(201).extract().path("id");
    }

    @Test
    void historyRecordsTheRoleOfEveryEntryAndTheDatabaseRefusesChanges() throws Exception {
        Fixtures.Hierarchy h = Fixtures.hierarchy();
        String citizen = Tokens.token("cit-" + Fixtures.suffix(), "citizen", null, null, null);
        String id = reportAs(citizen, h);
        String handler = Tokens.token("h-" + Fixtures.suffix(), "handler", null, "unit-" + h.village(), null);
        given().auth().oauth2(handler).contentType(ContentType.JSON).body(Map.of("action", "START"))
                .post("/api/v1/incidents/" + id + "/transitions").then().statusCode(200);
        String supervisor = Tokens.token("sup-" + Fixtures.suffix(), "supervisor", h.county(), null, null);
        given().auth().oauth2(supervisor).contentType(ContentType.JSON)
                .body(Map.of("action", "ESCALATE", "reason", "needs the township"))
                .post("/api/v1/incidents/" + id + "/transitions").then().statusCode(200);

        given().auth().oauth2(supervisor).get("/api/v1/incidents/" + id + "/history").then().statusCode(200)
                .body("items.action", contains("REPORT", "DISPATCH", "START", "ESCALATE"))
                .body("items.role", contains("citizen", "system", "handler", "supervisor"))
                .body("items[1].actor", equalTo("system"));

        try (Connection c = ds.getConnection()) {
            SQLException update = assertThrows(SQLException.class, () -> execute(c,
                    "UPDATE incident_history SET note = 'rewritten' WHERE incident_id = ?", id));
            assertTrue(update.getMessage().contains("append-only"), update.getMessage());
            SQLException delete = assertThrows(SQLException.class, () -> execute(c,
                    "DELETE FROM incident_history WHERE incident_id = ?", id));
            assertTrue(delete.getMessage().contains("append-only"), delete.getMessage());
        }
        given().auth().oauth2(supervisor).get("/api/v1/incidents/" + id + "/history").then()
                .body("items.note", contains(null, "area default unit", null, "needs the township"));
    }

    private static void execute(Connection c, String sql, String id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setObject(1, UUID.fromString(id));
            ps.executeUpdate();
        }
    }

    private Response upload(String token, String id, String key, byte[] file) {
        return given().auth().oauth2(token).header("Idempotency-Key", key)
                .multiPart("file", "photo.jpg", file, "image/jpeg").post("/api/v1/incidents/" + id + "/media");
    }

    private int mediaRows(String id) throws SQLException {
        try (Connection c = ds.getConnection();
                PreparedStatement ps = c
                        .prepareStatement("SELECT count(*) FROM incident_media WHERE incident_id = ?")) {
            ps.setObject(1, UUID.fromString(id));
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }

    @Test
    void aRetriedUploadIsStoredOnceAndPhotosLoseTheirPosition() throws Exception {
        Fixtures.Hierarchy h = Fixtures.hierarchy();
        String reporter = Tokens.token("rep-" + Fixtures.suffix(), "citizen", null, null, null);
        String id = reportAs(reporter, h);
        byte[] photo = PhotoMetadataTest.jpegWithGps();
        String key = "upload-" + Fixtures.suffix();

        Response first = upload(reporter, id, key, photo);
        first.then().statusCode(201).contentType(ContentType.JSON).body("contentType", equalTo("image/jpeg"));
        String url = first.path("url");
        first.then().header("Location", endsWith(url));
        Response replay = upload(reporter, id, key, photo);
        replay.then().statusCode(201).body("id", equalTo(first.path("id"))).header("Location", endsWith(url));
        assertEquals(first.asString(), replay.asString());
        assertEquals(1, mediaRows(id));
        upload(reporter, id, key, PhotoMetadataTest.image("jpg")).then().statusCode(422)
                .contentType("application/problem+json").body("type", endsWith("/idempotency-key-reused"));
        // the same key and file for another incident is another request (the path names the incident)
        String other = reportAs(reporter, h);
        upload(reporter, other, key, photo).then().statusCode(422).body("type", endsWith("/idempotency-key-reused"));
        assertEquals(0, mediaRows(other));

        Response stored = given().auth().oauth2(reporter).get(url);
        stored.then().statusCode(200).contentType("image/jpeg");
        byte[] back = stored.asByteArray();
        JpegImageMetadata metadata = (JpegImageMetadata) Imaging.getMetadata(back);
        assertNull(metadata.getExif().getGpsInfo());
        assertNotNull(ImageIO.read(new ByteArrayInputStream(back)));
        assertEquals("\"" + MediaResource.sha256(back) + "\"", stored.header("ETag"));
        assertEquals(back.length, first.<Integer>path("size"));

        // two racing retries with a new key: one file, the same reply for both
        String raceKey = "race-" + Fixtures.suffix();
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            Callable<Response> call = () -> upload(reporter, id, raceKey, photo);
            List<Future<Response>> replies = pool.invokeAll(List.of(call, call));
            Response a = replies.get(0).get();
            Response b = replies.get(1).get();
            assertEquals(201, a.statusCode());
            assertEquals(201, b.statusCode());
            assertEquals(a.<String>path("id"), b.<String>path("id"));
            assertEquals(a.header("Location"), b.header("Location"));
        } finally {
            pool.shutdownNow();
        }
        assertEquals(2, mediaRows(id));

        // without a key every upload is a new file
        given().auth().oauth2(reporter).multiPart("file", "a.jpg", photo, "image/jpeg")
                .post("/api/v1/incidents/" + id + "/media").then().statusCode(201);
        assertEquals(3, mediaRows(id));
        given().auth().oauth2(reporter).multiPart("file", "broken.jpg", new byte[]{(byte) 0xFF, (byte) 0xD8,
                (byte) 0xFF, 0, 1}, "image/jpeg").post("/api/v1/incidents/" + id + "/media").then().statusCode(400)
                .body("errors.field", contains("file"));
    }
}
