package org.civicsafety.cases.api;

import static io.restassured.RestAssured.given;
import static org.civicsafety.cases.api.TestSupport.*;
import static org.hamcrest.Matchers.*;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.config.HttpClientConfig;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.io.ByteArrayInputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.IntStream;
import javax.imageio.ImageIO;
import javax.sql.DataSource;
import org.apache.commons.imaging.formats.tiff.TiffImageMetadata;
import org.apache.http.entity.mime.HttpMultipartMode;
import org.apache.commons.imaging.formats.tiff.constants.TiffDirectoryConstants;
import org.apache.commons.imaging.formats.tiff.constants.TiffTagConstants;
import org.civicsafety.cases.casefile.TestImages;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** Attachments: upload, list and download, location data removed, the case's own scope, Idempotency-Key. */
@QuarkusTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AttachmentTest {

    static final byte[] PDF = "%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"
            .getBytes(StandardCharsets.ISO_8859_1);

    @Inject DataSource ds;
    Areas a;
    String s;
    Callers who;
    String otherCitizen;
    String otherUnitHandler;
    String otherAreaOfficer;

    @BeforeAll
    void setUp() throws Exception {
        a = areas(ds);
        s = suffix();
        who = callers(a, s);
        otherCitizen = token("citizen2-" + s, "citizen", null, null);
        otherUnitHandler = token("handler2-" + s, "handler", a.village(), "other-" + s);
        otherAreaOfficer = token("officer2-" + s, "petition_officer", a.otherCounty(), null);
    }

    String register(String token, String type) {
        return as(token).body(caseBody(a.village(), "ONLINE", type, randomPhone())).post("/api/v1/cases")
                .then().statusCode(201).extract().path("id");
    }

    void assign(String id) {
        as(who.officer()).body(Map.of("action", "ASSIGN", "unitId", who.unit(), "unitAreaCode", a.village()))
                .post("/api/v1/cases/" + id + "/transitions").then().statusCode(200);
    }

    Response upload(String token, String caseId, String key, String filename, byte[] content, String type) {
        // RFC 6532 mode sends the file name as UTF-8, as browsers do (the default mode turns 中文 into ??).
        var request = given().config(RestAssured.config().httpClient(
                HttpClientConfig.httpClientConfig().httpMultipartMode(HttpMultipartMode.RFC6532)))
                .auth().oauth2(token).multiPart("file", filename, content, type);
        if (key != null) {
            request = request.header("Idempotency-Key", key);
        }
        return request.post("/api/v1/cases/" + caseId + "/attachments");
    }

    String uploaded(String token, String caseId, String filename, byte[] content, String type) {
        return upload(token, caseId, null, filename, content, type).then().statusCode(201).extract().path("id");
    }

    byte[] download(String token, String caseId, String attachmentId) {
        return given().auth().oauth2(token).get("/api/v1/cases/" + caseId + "/attachments/" + attachmentId)
                .then().statusCode(200).extract().asByteArray();
    }

    long rows(String caseId) throws Exception {
        return queryLong(ds, "SELECT count(*) FROM case_attachment WHERE case_id = ?::uuid", caseId);
    }

    @Test
    void uploadThenListThenDownloadTheSameBytesWithItsHeaders() {
        String id = register(who.citizen(), "REQUEST_GRIEVANCE");
        String filename = "现场照片 (第1张) 100%.pdf";
        Response created = upload(who.citizen(), id, null, filename, PDF, "application/pdf");
        created.then().statusCode(201)
                .body("filename", equalTo(filename)).body("mediaType", equalTo("application/pdf"))
                .body("size", equalTo(PDF.length)).body("createdAt", matchesPattern(".*\\+08:00"));
        String attachmentId = created.path("id");
        String url = "/api/v1/cases/" + id + "/attachments/" + attachmentId;
        created.then().body("url", equalTo(url)).header("Location", endsWith(url));

        as(who.citizen()).get("/api/v1/cases/" + id + "/attachments").then().statusCode(200)
                .body("items", hasSize(1)).body("nextCursor", nullValue())
                .body("items[0].id", equalTo(attachmentId)).body("items[0].filename", equalTo(filename))
                .body("items[0].mediaType", equalTo("application/pdf")).body("items[0].size", equalTo(PDF.length))
                .body("items[0].createdAt", equalTo(created.path("createdAt").toString()))
                .body("items[0].url", equalTo(url))
                .body("items[0]", not(hasKey("createdBy")));
        as(who.citizen()).get("/api/v1/cases/" + id).then().body("attachments[0].url", equalTo(url));

        Response file = given().auth().oauth2(who.citizen()).get(url);
        file.then().statusCode(200)
                .contentType("application/pdf")
                .header("Content-Length", String.valueOf(PDF.length))
                .header("X-Content-Type-Options", "nosniff")
                .header("Cache-Control", "private")
                .header("ETag", "\"" + attachmentId + "\"")
                .header("Content-Disposition", startsWith("attachment;"));
        assertArrayEquals(PDF, file.asByteArray());
        String disposition = file.header("Content-Disposition");
        String encoded = disposition.substring(disposition.indexOf("filename*=UTF-8''") + "filename*=UTF-8''".length());
        assertTrue(encoded.matches("[A-Za-z0-9!#$&+.^_`|~%-]+"), "RFC 5987 attr-chars only: " + encoded);
        assertEquals(filename, URLDecoder.decode(encoded.replace("+", "%2B"), StandardCharsets.UTF_8));
        assertTrue(disposition.contains("filename=\"____ (_1_) 100_.pdf\""), disposition);

        // A second upload is listed first (newest first).
        String second = uploaded(who.citizen(), id, "b.png", PDF, "application/pdf");
        as(who.citizen()).get("/api/v1/cases/" + id + "/attachments").then().body("items.id",
                contains(second, attachmentId));
    }

    @Test
    void photosAreStoredWithoutTheirLocation() throws Exception {
        String id = register(who.citizen(), "REQUEST_GRIEVANCE");
        String jpegId = uploaded(who.citizen(), id, "photo.jpg", TestImages.jpegWithLocation(), "image/jpeg");
        byte[] jpeg = download(who.citizen(), id, jpegId);
        TiffImageMetadata exif = TestImages.exif(jpeg);
        assertNotNull(exif, "EXIF other than GPS stays");
        assertNull(exif.findDirectory(TiffDirectoryConstants.DIRECTORY_TYPE_GPS));
        assertEquals((short) 6, ((Number) exif.getFieldValue(TiffTagConstants.TIFF_TAG_ORIENTATION)).shortValue());
        assertNotNull(ImageIO.read(new ByteArrayInputStream(jpeg)));
        as(who.citizen()).get("/api/v1/cases/" + id + "/attachments").then()
                .body("items.find { it.id == '" + jpegId + "' }.size", equalTo(jpeg.length));

        String pngId = uploaded(who.citizen(), id, "screen.png", TestImages.pngWithLocation(), "image/png");
        byte[] png = download(who.citizen(), id, pngId);
        assertEquals(List.of(), TestImages.pngChunkTypes(png).stream()
                .filter(List.of("tEXt", "eXIf", "iTXt", "zTXt")::contains).toList());
        assertNotNull(ImageIO.read(new ByteArrayInputStream(png)));

        // A PNG cut off inside a chunk cannot be checked, so it is not stored.
        byte[] cut = java.util.Arrays.copyOf(TestImages.pngWithLocation(), 40);
        problem(upload(who.citizen(), id, null, "cut.png", cut, "image/png").then(), 415)
                .body("type", equalTo("https://civicsafety.org/problems/unsupported-media-type"));
    }

    @Test
    void attachmentsAreScopedExactlyLikeTheCase() {
        String id = register(who.citizen(), "SUGGESTION");
        assign(id);
        String attachmentId = uploaded(who.citizen(), id, "a.pdf", PDF, "application/pdf");
        String list = "/api/v1/cases/" + id + "/attachments";
        String file = list + "/" + attachmentId;
        for (String inScope : new String[]{who.citizen(), who.handler(), who.officer(),
                token("sv-" + s, "supervisor", a.township(), null), token("admin-" + s, "admin", null, null)}) {
            as(inScope).get(list).then().statusCode(200).body("items.id", contains(attachmentId));
            assertArrayEquals(PDF, download(inScope, id, attachmentId));
        }
        for (String outside : new String[]{otherCitizen, otherUnitHandler, otherAreaOfficer}) {
            problem(as(outside).get(list).then(), 404);
            problem(given().auth().oauth2(outside).get(file).then(), 404)
                    .body("type", equalTo("https://civicsafety.org/problems/not-found"));
        }
        given().get(file).then().statusCode(401);

        // Unknown ids, another case's attachment and malformed ids are 404 problems, never 500.
        String otherCase = register(who.citizen(), "SUGGESTION");
        String otherFile = uploaded(who.citizen(), otherCase, "b.pdf", PDF, "application/pdf");
        problem(given().auth().oauth2(who.citizen()).get(list + "/" + otherFile).then(), 404);
        problem(given().auth().oauth2(who.citizen()).get(list + "/" + UUID.randomUUID()).then(), 404);
        problem(given().auth().oauth2(who.citizen()).get(list + "/not-a-uuid").then(), 404);
        problem(given().auth().oauth2(who.citizen()).get("/api/v1/cases/not-a-uuid/attachments").then(), 404);
        problem(given().auth().oauth2(who.citizen()).get("/api/v1/cases/not-a-uuid/attachments/" + attachmentId).then(),
                404);
        problem(given().auth().oauth2(who.citizen()).get("/api/v1/cases/" + UUID.randomUUID() + "/attachments").then(),
                404);
    }

    @Test
    void misconductReportAttachmentsFollowTheCaseAndNeverNameTheReporter() {
        String reporterSub = "reporter-" + s;
        String reporter = token(reporterSub, "citizen", null, null);
        String id = register(reporter, "MISCONDUCT_REPORT");
        String attachmentId = uploaded(reporter, id, "evidence.pdf", PDF, "application/pdf");
        assign(id);
        String list = "/api/v1/cases/" + id + "/attachments";
        for (String seesTheCase : new String[]{reporter, who.handler(), who.officer(),
                token("sv-" + s, "supervisor", a.county(), null)}) {
            as(seesTheCase).get("/api/v1/cases/" + id).then().statusCode(200);
            as(seesTheCase).get(list).then().statusCode(200).body("items.id", contains(attachmentId))
                    .body(not(containsString(reporterSub)));
            assertArrayEquals(PDF, download(seesTheCase, id, attachmentId));
        }
        for (String outside : new String[]{otherCitizen, otherUnitHandler, otherAreaOfficer}) {
            as(outside).get("/api/v1/cases/" + id).then().statusCode(404);
            problem(as(outside).get(list).then(), 404);
            problem(given().auth().oauth2(outside).get(list + "/" + attachmentId).then(), 404);
        }
    }

    @Test
    void idempotencyKeyReplaysTheUploadAndRefusesAnotherFile() throws Exception {
        String id = register(who.citizen(), "REQUEST_GRIEVANCE");
        String key = "upload-" + UUID.randomUUID();
        Response first = upload(who.citizen(), id, key, "a.pdf", PDF, "application/pdf");
        first.then().statusCode(201);
        Response again = upload(who.citizen(), id, key, "a.pdf", PDF, "application/pdf");
        again.then().statusCode(201).body("id", equalTo(first.path("id").toString()))
                .header("Location", equalTo(first.header("Location")));
        assertEquals(1, rows(id));

        byte[] other = (new String(PDF, StandardCharsets.ISO_8859_1) + "% another\n")
                .getBytes(StandardCharsets.ISO_8859_1);
        problem(upload(who.citizen(), id, key, "a.pdf", other, "application/pdf").then(), 422)
                .body("type", equalTo("https://civicsafety.org/problems/idempotency-key-reused"));
        assertEquals(1, rows(id));
    }

    @Test
    void racingUploadsWithOneKeyStoreOneFile() throws Exception {
        String id = register(who.citizen(), "REQUEST_GRIEVANCE");
        String key = "race-" + UUID.randomUUID();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<CompletableFuture<Response>> racers = IntStream.range(0, 4)
                    .mapToObj(i -> CompletableFuture.supplyAsync(
                            () -> upload(who.citizen(), id, key, "race.pdf", PDF, "application/pdf"), pool))
                    .toList();
            List<Response> responses = racers.stream().map(CompletableFuture::join).toList();
            for (Response r : responses) {
                r.then().statusCode(201);
            }
            assertEquals(1, responses.stream().map(r -> r.path("id").toString()).distinct().count());
        } finally {
            pool.shutdown();
        }
        assertEquals(1, rows(id));
    }
}
