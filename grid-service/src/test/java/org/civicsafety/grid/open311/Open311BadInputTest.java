package org.civicsafety.grid.open311;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.junit.QuarkusTest;
import org.civicsafety.grid.Fixtures;
import org.civicsafety.grid.Tokens;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;

import javax.xml.parsers.DocumentBuilderFactory;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Generated malformed requests over every Open311 operation, in both formats: each one is a 400 in GeoReport's
 * error format ({@code [{"code":400,"description":…}]} or {@code <errors><error>…}), never a 5xx.
 */
@QuarkusTest
class Open311BadInputTest {
    static final ObjectMapper JSON = new ObjectMapper();
    static final String UUID_TOKEN = "4b7f2c4e-1111-4222-8333-944455556666";

    /** One request: method, path with the raw query string, body bytes (null for GET). */
    record Bad(String method, String target, byte[] body) {
        @Override
        public String toString() {
            return method + " " + (target.length() > 120 ? target.substring(0, 120) + "…" : target)
                    + (body == null ? "" : " body " + new String(body, 0, Math.min(body.length, 120),
                            StandardCharsets.ISO_8859_1));
        }
    }

    /** Form encodings no parser should accept, as raw bytes. */
    static List<byte[]> garbageEncodings() {
        List<String> ascii = List.of("%", "%zz", "a=%", "a=%4", "a=b=c&&=", "&", "a=1&", "&a=1", "=1", "a",
                "a=1&&b=2", "a=%00", "page=1&page=2", "service_code=A&service_code=B", "x=" + "y".repeat(5000),
                "a=1&".repeat(201) + "a2=1", "%ff%fe=1", "a=%c3%28", "a=%ed%a0%80", "a=%e4%b8");
        List<byte[]> out = new ArrayList<>();
        ascii.forEach(s -> out.add(s.getBytes(StandardCharsets.ISO_8859_1)));
        out.add(new byte[]{'a', '=', (byte) 0xC3, (byte) 0x28}); // raw invalid UTF-8
        return out;
    }

    static List<Bad> generated() {
        List<Bad> bad = new ArrayList<>();
        List<String> reads = new ArrayList<>();
        for (String f : List.of("json", "xml")) {
            reads.addAll(List.of("/open311/v2/discovery." + f, "/open311/v2/services." + f,
                    "/open311/v2/services/FIGHT." + f, "/open311/v2/requests." + f,
                    "/open311/v2/requests/SJ-2026-000001." + f, "/open311/v2/tokens/" + UUID_TOKEN + "." + f,
                    "/open311/v2/servicerequestupdates." + f));
        }
        List<String> writes = List.of("/open311/v2/requests.json", "/open311/v2/requests.xml",
                "/open311/v2/servicerequestupdates.json", "/open311/v2/servicerequestupdates.xml",
                "/open311/v2/servicerequestupdates");
        for (byte[] garbage : garbageEncodings()) {
            String query = new String(garbage, StandardCharsets.ISO_8859_1);
            boolean ascii = query.chars().allMatch(c -> c < 0x80);
            for (String read : reads) {
                if (ascii) { // raw bytes above 0x7F cannot be written into a request line
                    bad.add(new Bad("GET", read + "?" + query, null));
                }
            }
            for (String write : writes) {
                bad.add(new Bad("POST", write, garbage));
            }
        }
        List<String> dates = List.of("-999999999-01-01T00:00:00Z", "+999999999-12-31T23:59:59Z", "2026-13-01",
                "2026-02-30T00:00:00Z", "yesterday", "0000-01-01T00:00:00Z", "1969-12-31T23:59:59Z",
                "2026-01-01T00:00:00+25:00", "2026-01-01T25:00:00Z", "%2B10000-01-01T00:00:00Z");
        for (String f : List.of("json", "xml")) {
            for (String date : dates) {
                for (String p : List.of("start_date", "end_date")) {
                    bad.add(new Bad("GET", "/open311/v2/requests." + f + "?" + p + "=" + date, null));
                    bad.add(new Bad("GET", "/open311/v2/servicerequestupdates." + f + "?" + p + "=" + date, null));
                }
                bad.add(new Bad("POST", "/open311/v2/servicerequestupdates." + f, form(
                        "service_request_id=SJ-2026-000001&description=x&updated_datetime=" + date)));
            }
            for (String q : List.of("page=-1", "page=0", "page=abc", "page=99999999999", "page=1.5", "page_size=501",
                    "page_size=0", "page_size=-50", "page_size=NaN", "extensions=maybe", "status=pending",
                    "start_date=2026-01-01T00:00:00Z&end_date=2025-01-01T00:00:00Z",
                    "start_date=2026-01-01T00:00:00Z&end_date=2026-06-01T00:00:00Z",
                    "service_request_id=" + "SJ-1,".repeat(501))) {
                bad.add(new Bad("GET", "/open311/v2/requests." + f + "?" + q, null));
            }
            bad.add(new Bad("GET", "/open311/v2/requests/SJ-%01." + f, null));
            bad.add(new Bad("GET", "/open311/v2/requests/" + "9".repeat(65) + "." + f, null));
            bad.add(new Bad("GET", "/open311/v2/requests/SJ-1." + f + "?extensions=1", null));
            bad.add(new Bad("GET", "/open311/v2/tokens/not-a-token." + f, null));
            bad.add(new Bad("GET", "/open311/v2/services/A%01B." + f, null));
            String post = "/open311/v2/requests." + f;
            String ok = "service_code=STREET_LIGHT&";
            for (String coordinates : List.of("lat=NaN&long=1", "lat=1&long=Infinity", "lat=-Infinity&long=1",
                    "lat=91&long=1", "lat=-90.5&long=1", "lat=1&long=-181", "lat=1&long=180.0001", "lat=1e999&long=1",
                    "lat=abc&long=1", "lat=0x&long=1", "lat=&long=", "lat=1")) {
                bad.add(new Bad("POST", post, form(ok + coordinates)));
            }
            for (String fields : List.of("attribute[=x", "attribute[light_type=x", "attribute[]=x",
                    "attribute[a b]=x", "attribute[x][]=1&attribute[x]=2", "attribute[x]=2&attribute[x][]=1",
                    "attribute[x][][]=1", "nonsense=1", "email=not-an-email", "phone=call-me-maybe",
                    "description=" + "d".repeat(4001), "media_url=ftp://example.org/x", "address_id=NO_SUCH_GRID",
                    "first_name=" + "n".repeat(101), "start_date=2026-01-01")) {
                bad.add(new Bad("POST", post, form(ok + "lat=1&long=1&" + fields)));
            }
            bad.add(new Bad("POST", post, form("lat=1&long=1")));
            bad.add(new Bad("POST", post, form("service_code=&lat=1&long=1")));
            bad.add(new Bad("POST", post, form("service_code=NO_SUCH_CODE&lat=1&long=1")));
            bad.add(new Bad("POST", post, form("service_code=" + "A".repeat(65) + "&lat=1&long=1")));
            bad.add(new Bad("POST", "/open311/v2/servicerequestupdates." + f, form("service_request_id=SJ-1")));
            bad.add(new Bad("POST", "/open311/v2/servicerequestupdates." + f, form("description=x")));
        }
        return bad;
    }

    static byte[] form(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    @Test
    void everyMalformedRequestIsA400InOpen311sFormat() throws Exception {
        String partner = Tokens.token("gateway", "partner", null, null, "bad-" + Fixtures.suffix());
        List<Bad> cases = generated();
        assertTrue(cases.stream().filter(b -> validUri(b.target())).count() >= 100, "only " + cases.size() + " cases");
        List<String> failures = new ArrayList<>();
        for (Bad b : cases) {
            RawHttp.Reply r = RawHttp.send(b.method(), b.target(), b.method().equals("POST") ? partner : null,
                    b.body());
            String problem = check(b, r);
            if (problem != null) {
                failures.add(b + " -> " + r.status() + " " + problem + ": "
                        + r.body().substring(0, Math.min(200, r.body().length())));
            }
        }
        assertTrue(failures.isEmpty(), failures.size() + " of " + cases.size() + " failed:\n"
                + String.join("\n", failures));
    }

    /** Null when the reply is a 400 in the format of the path, else what is wrong. */
    static String check(Bad b, RawHttp.Reply r) throws Exception {
        if (r.status() != 400) {
            return "status";
        }
        if (!validUri(b.target())) {
            // Quarkus' HTTP layer refuses a request line that is no URI (e.g. '?%zz') with a bare 400 before any
            // application code runs (only -Dvertx.disableURIValidation=true would let it through)
            return null;
        }
        if (r.contentType() == null) {
            return "no Content-Type";
        }
        String path = b.target().split("\\?")[0];
        if (path.endsWith(".json")) {
            JsonNode errors = JSON.readTree(r.body());
            if (!r.contentType().startsWith("application/json") || !errors.isArray() || errors.isEmpty()
                    || errors.get(0).path("code").asInt() != 400
                    || errors.get(0).path("description").asText().isEmpty()) {
                return "not [{code: 400, description}]";
            }
            return null;
        }
        Document xml = DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(new ByteArrayInputStream(r.body().getBytes(StandardCharsets.UTF_8)));
        if (!r.contentType().startsWith("text/xml") || !xml.getDocumentElement().getTagName().equals("errors")
                || !"400".equals(xml.getElementsByTagName("code").item(0).getTextContent())
                || xml.getElementsByTagName("description").item(0).getTextContent().isEmpty()) {
            return "not <errors><error><code>400</code><description>";
        }
        return null;
    }

    static boolean validUri(String target) {
        try {
            new URI(target);
            return true;
        } catch (URISyntaxException e) {
            return false;
        }
    }

    @Test
    void theCheckItselfTellsAGoodReplyFromABadOne() throws Exception {
        Bad json = new Bad("GET", "/open311/v2/requests.json?page=0", null);
        assertEquals(null,
                check(json, new RawHttp.Reply(400, "application/json", "[{\"code\":400,\"description\":\"x\"}]")));
        assertEquals("status", check(json, new RawHttp.Reply(500, "application/json", "[]")));
        assertFalse(check(json, new RawHttp.Reply(400, "application/problem+json", "{\"status\":400}")) == null);
        Bad xml = new Bad("GET", "/open311/v2/requests.xml", null);
        assertEquals(null, check(xml, new RawHttp.Reply(400, "text/xml; charset=utf-8",
                "<?xml version=\"1.0\"?><errors><error><code>400</code><description>x</description></error></errors>")));
        assertFalse(check(xml, new RawHttp.Reply(400, "text/xml", "<errors><error><code>404</code><description>x"
                + "</description></error></errors>")) == null);
    }
}
