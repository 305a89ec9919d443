package org.civicsafety.grid.open311;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import org.civicsafety.grid.Fixtures;
import org.civicsafety.grid.Tokens;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

import javax.xml.parsers.DocumentBuilderFactory;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The exact shape of every Open311 reply in both formats, as GeoReport clients parse it: content type, XML
 * declaration, element and field names in their order, wrapping of lists, JSON types, empty and null values, and
 * the format of dates. Values that change from run to run are reduced to their form (runs of digits become 9,
 * UUIDs become U), so a changed date format or a dropped null shows up here.
 */
@QuarkusTest
class Open311ShapeTest {
    static final ObjectMapper JSON = new ObjectMapper();
    /** The test's own area codes, which differ from run to run. */
    static String county;
    static final String DECLARATION = "<?xml version=\"1.0\" encoding=\"utf-8\"?>";

    @Test
    void everyReplyKeepsItsShapeInJsonAndXml() throws Exception {
        Fixtures.Hierarchy h = Fixtures.hierarchy();
        county = h.county();
        String partner = Tokens.token("gateway", "partner", null, null, "shape-" + Fixtures.suffix());
        Map<String, String> actual = new LinkedHashMap<>();

        actual.put("discovery.json", json(get("/open311/v2/discovery.json"), null));
        actual.put("discovery.xml", xml(get("/open311/v2/discovery.xml"), null));
        actual.put("services.json", json(get("/open311/v2/services.json"),
                n -> "GAS_LEAK".equals(n.path("service_code").asText())));
        actual.put("services.xml",
                xml(get("/open311/v2/services.xml"), e -> "GAS_LEAK".equals(child(e, "service_code"))));
        actual.put("definition.json", json(given().header("Accept-Language", "en")
                .get("/open311/v2/services/FIRE_HAZARD.json").then().extract(), null));
        actual.put("definition.xml", xml(given().header("Accept-Language", "en")
                .get("/open311/v2/services/FIRE_HAZARD.xml").then().extract(), null));

        ExtractableResponse<Response> created = Open311Test.form(partner, h, "FIRE_HAZARD")
                .formParam("attribute[hazard_type][]", "wiring").formParam("media_url", "https://example.org/p.jpg")
                .post("/open311/v2/requests.json").then().extract();
        String id = created.path("[0].service_request_id");
        actual.put("create.json", json(created, null));
        actual.put("create.xml", xml(Open311PartnerTest.post(partner, h, "STREET_LIGHT")
                .post("/open311/v2/requests.xml").then().extract(), null));
        actual.put("update.json", json(given().auth().oauth2(partner).contentType("application/x-www-form-urlencoded")
                .formParam("service_request_id", id).formParam("description", "Caller says <it> got worse & worse")
                .post("/open311/v2/servicerequestupdates.json").then().extract(), null));
        actual.put("update.xml", xml(given().auth().oauth2(partner).contentType("application/x-www-form-urlencoded")
                .formParam("service_request_id", id).formParam("description", "second")
                .post("/open311/v2/servicerequestupdates").then().extract(), null));

        actual.put("request.json", json(get("/open311/v2/requests/" + id + ".json"), null));
        actual.put("request.xml", xml(get("/open311/v2/requests/" + id + ".xml"), null));
        actual.put("requests.json", json(get("/open311/v2/requests.json?extensions=true&service_request_id=" + id),
                null));
        actual.put("requests.xml", xml(get("/open311/v2/requests.xml?extensions=true&service_request_id=" + id),
                null));
        String token = given().auth().oauth2(Tokens.admin()).get("/api/v1/incidents?categoryCode=FIRE_HAZARD")
                .then().extract().path("items.find { it.number == '" + id + "' }.id");
        actual.put("token.json", json(get("/open311/v2/tokens/" + token + ".json"), null));
        actual.put("token.xml", xml(get("/open311/v2/tokens/" + token + ".xml"), null));
        actual.put("updates.json", json(get("/open311/v2/servicerequestupdates.json"),
                n -> id.equals(n.path("service_request_id").asText())
                        && n.path("description").asText().startsWith("C")));
        actual.put("updates.xml", xml(get("/open311/v2/servicerequestupdates.xml"),
                e -> id.equals(child(e, "service_request_id")) && child(e, "description").startsWith("C")));

        actual.put("error404.json", json(get("/open311/v2/services/NOPE.json"), null));
        actual.put("error404.xml", xml(get("/open311/v2/services/NOPE.xml"), null));
        actual.put("error400.xml", xml(get("/open311/v2/requests.xml?page=0&extensions=maybe"), null));

        StringBuilder dump = new StringBuilder();
        actual.forEach((k, v) -> dump.append(k).append(" ").append(v).append('\n'));
        assertEquals(EXPECTED, dump.toString());
    }

    static ExtractableResponse<Response> get(String path) {
        return given().get(path).then().extract();
    }

    /** Status, content type and the JSON's shape; of a list, only the items {@code pick} accepts (all if null). */
    static String json(ExtractableResponse<Response> r, Predicate<JsonNode> pick) throws Exception {
        JsonNode root = JSON.readTree(r.asString());
        StringBuilder sb = new StringBuilder(r.statusCode() + " " + r.contentType() + " ");
        if (pick != null) {
            JsonNode list = root.isArray() ? root : root.elements().next();
            List<JsonNode> picked = new ArrayList<>();
            list.forEach(n -> {
                if (pick.test(n)) {
                    picked.add(n);
                }
            });
            assertEquals(1, picked.size(), "picked items");
            sb.append("…");
            shape(picked.get(0), sb);
            return sb.toString();
        }
        shape(root, sb);
        return sb.toString();
    }

    static void shape(JsonNode n, StringBuilder sb) {
        if (n.isObject()) {
            sb.append('{');
            for (Iterator<Map.Entry<String, JsonNode>> it = n.fields(); it.hasNext();) {
                Map.Entry<String, JsonNode> f = it.next();
                sb.append(f.getKey()).append(':');
                shape(f.getValue(), sb);
                sb.append(it.hasNext() ? "," : "");
            }
            sb.append('}');
        } else if (n.isArray()) {
            sb.append('[');
            for (int i = 0; i < n.size(); i++) {
                shape(n.get(i), sb);
                sb.append(i + 1 < n.size() ? "," : "");
            }
            sb.append(']');
        } else if (n.isTextual()) {
            sb.append('"').append(form(n.asText())).append('"');
        } else {
            sb.append(form(n.toString()));
        }
    }

    /** Status, content type, declaration and the XML's shape; under the root only the children {@code pick} accepts. */
    static String xml(ExtractableResponse<Response> r, Predicate<Element> pick) throws Exception {
        String body = r.asString();
        assertEquals(DECLARATION, body.substring(0, Math.min(body.length(), DECLARATION.length())), body);
        Element root = DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8))).getDocumentElement();
        StringBuilder sb = new StringBuilder(r.statusCode() + " " + r.contentType() + " ");
        if (pick == null) {
            shape(root, sb);
            return sb.toString();
        }
        List<Element> picked = new ArrayList<>();
        for (Node c = root.getFirstChild(); c != null; c = c.getNextSibling()) {
            if (c instanceof Element e && pick.test(e)) {
                picked.add(e);
            }
        }
        assertEquals(1, picked.size(), "picked elements");
        sb.append('<').append(root.getTagName()).append(">…");
        shape(picked.get(0), sb);
        return sb.toString();
    }

    static void shape(Element e, StringBuilder sb) {
        sb.append('<').append(e.getTagName()).append('>');
        boolean elements = false;
        for (Node c = e.getFirstChild(); c != null; c = c.getNextSibling()) {
            if (c instanceof Element child) {
                elements = true;
                shape(child, sb);
            }
        }
        if (!elements) {
            sb.append(form(e.getTextContent()));
        }
        sb.append("</").append(e.getTagName()).append('>');
    }

    static String child(Element e, String name) {
        for (Node c = e.getFirstChild(); c != null; c = c.getNextSibling()) {
            if (c instanceof Element x && x.getTagName().equals(name)) {
                return x.getTextContent();
            }
        }
        return null;
    }

    static String form(String value) {
        if (value.matches("-?[0-9]+\\.[0-9]+")) {
            return "9.9"; // a coordinate: the fixtures' lie anywhere on the globe
        }
        return value.replace(county, "C")
                .replaceAll("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}", "U")
                .replaceAll("[0-9]+", "9");
    }

    /** Recorded from the hand-written implementation this one replaced. */
    static final String EXPECTED = """
            discovery.json 200 application/json {changeset:"9-9-9T9:9:9Z",contact:"Civic Safety Platform operations",key_service:"API keys are issued by the platform administrators",endpoints:[{specification:"http://wiki.open9.org/GeoReport_v9",url:"http://9.9.9.9:9/open9/v9",changeset:"9-9-9T9:9:9Z",type:"production",formats:["text/xml","application/json"]}]}
            discovery.xml 200 text/xml; charset=utf-8 <discovery><changeset>9-9-9T9:9:9Z</changeset><contact>Civic Safety Platform operations</contact><key_service>API keys are issued by the platform administrators</key_service><endpoints><endpoint><specification>http://wiki.open9.org/GeoReport_v9</specification><url>http://9.9.9.9:9/open9/v9</url><changeset>9-9-9T9:9:9Z</changeset><type>production</type><formats><format>text/xml</format><format>application/json</format></formats></endpoint></endpoints></discovery>
            services.json 200 application/json …{service_code:"GAS_LEAK",service_name:"燃气泄漏",description:"燃气泄漏 (安全隐患)",metadata:true,type:"realtime",keywords:"燃气,煤气,gas",group:"安全隐患"}
            services.xml 200 text/xml; charset=utf-8 <services>…<service><service_code>GAS_LEAK</service_code><service_name>燃气泄漏</service_name><description>燃气泄漏 (安全隐患)</description><metadata>true</metadata><type>realtime</type><keywords>燃气,煤气,gas</keywords><group>安全隐患</group></service>
            definition.json 200 application/json {service_code:"FIRE_HAZARD",attributes:[{variable:true,code:"hazard_type",datatype:"multivaluelist",required:true,datatype_description:null,order:9,description:"Kind of hazard",values:[{key:"blocked_exit",name:"Blocked exit"},{key:"wiring",name:"Unsafe wiring"},{key:"extinguisher",name:"Missing extinguisher"},{key:"storage",name:"Flammable storage"}]}]}
            definition.xml 200 text/xml; charset=utf-8 <service_definition><service_code>FIRE_HAZARD</service_code><attributes><attribute><variable>true</variable><code>hazard_type</code><datatype>multivaluelist</datatype><required>true</required><datatype_description></datatype_description><order>9</order><description>Kind of hazard</description><values><value><key>blocked_exit</key><name>Blocked exit</name></value><value><key>wiring</key><name>Unsafe wiring</name></value><value><key>extinguisher</key><name>Missing extinguisher</name></value><value><key>storage</key><name>Flammable storage</name></value></values></attribute></attributes></service_definition>
            create.json 201 application/json [{service_request_id:"SJ-9-9",service_notice:"",account_id:"acc-9"}]
            create.xml 201 text/xml; charset=utf-8 <service_requests><request><service_request_id>SJ-9-9</service_request_id><service_notice></service_notice><account_id></account_id></request></service_requests>
            update.json 200 application/json [{update_id:"9"}]
            update.xml 200 text/xml; charset=utf-8 <service_request_updates><request_update><update_id>9</update_id></request_update></service_request_updates>
            request.json 200 application/json [{service_request_id:"SJ-9-9",status:"open",status_notes:"second",service_name:"消防隐患",service_code:"FIRE_HAZARD",description:"Exit blocked by boxes and loose wires",agency_responsible:"unit-C-T9",service_notice:"",requested_datetime:"9-9-9T9:9:9.9Z",updated_datetime:"9-9-9T9:9:9.9Z",expected_datetime:"9-9-9T9:9:9.9Z",address:"9 High Street",address_id:"C-T9-V9-G9",zipcode:null,lat:9.9,long:9.9,media_url:"https://example.org/p.jpg"}]
            request.xml 200 text/xml; charset=utf-8 <service_requests><request><service_request_id>SJ-9-9</service_request_id><status>open</status><status_notes>second</status_notes><service_name>消防隐患</service_name><service_code>FIRE_HAZARD</service_code><description>Exit blocked by boxes and loose wires</description><agency_responsible>unit-C-T9</agency_responsible><service_notice></service_notice><requested_datetime>9-9-9T9:9:9.9Z</requested_datetime><updated_datetime>9-9-9T9:9:9.9Z</updated_datetime><expected_datetime>9-9-9T9:9:9.9Z</expected_datetime><address>9 High Street</address><address_id>C-T9-V9-G9</address_id><zipcode></zipcode><lat>9.9</lat><long>9.9</long><media_url>https://example.org/p.jpg</media_url></request></service_requests>
            requests.json 200 application/json [{service_request_id:"SJ-9-9",status:"open",status_notes:"second",service_name:"消防隐患",service_code:"FIRE_HAZARD",description:"Exit blocked by boxes and loose wires",agency_responsible:"unit-C-T9",service_notice:"",requested_datetime:"9-9-9T9:9:9.9Z",updated_datetime:"9-9-9T9:9:9.9Z",expected_datetime:"9-9-9T9:9:9.9Z",address:"9 High Street",address_id:"C-T9-V9-G9",zipcode:null,lat:9.9,long:9.9,media_url:"https://example.org/p.jpg",extended_attributes:{number:"SJ-9-9",state:"DISPATCHED",severity:"SERIOUS",level:"TOWNSHIP",area_code:"C-T9-V9-G9",report_count:9,duplicate_of:null},notes:[{datetime:"9-9-9T9:9:9.9Z",summary:"REPORT",type:"activity",description:"REPORT"},{datetime:"9-9-9T9:9:9.9Z",summary:"DISPATCH",type:"activity",description:"area default unit"},{datetime:"9-9-9T9:9:9.9Z",summary:"COMMENT",type:"comment",description:"Caller says <it> got worse & worse"},{datetime:"9-9-9T9:9:9.9Z",summary:"COMMENT",type:"comment",description:"second"}]}]
            requests.xml 200 text/xml; charset=utf-8 <service_requests><request><service_request_id>SJ-9-9</service_request_id><status>open</status><status_notes>second</status_notes><service_name>消防隐患</service_name><service_code>FIRE_HAZARD</service_code><description>Exit blocked by boxes and loose wires</description><agency_responsible>unit-C-T9</agency_responsible><service_notice></service_notice><requested_datetime>9-9-9T9:9:9.9Z</requested_datetime><updated_datetime>9-9-9T9:9:9.9Z</updated_datetime><expected_datetime>9-9-9T9:9:9.9Z</expected_datetime><address>9 High Street</address><address_id>C-T9-V9-G9</address_id><zipcode></zipcode><lat>9.9</lat><long>9.9</long><media_url>https://example.org/p.jpg</media_url><extended_attributes><number>SJ-9-9</number><state>DISPATCHED</state><severity>SERIOUS</severity><level>TOWNSHIP</level><area_code>C-T9-V9-G9</area_code><report_count>9</report_count><duplicate_of></duplicate_of></extended_attributes><notes><note><datetime>9-9-9T9:9:9.9Z</datetime><summary>REPORT</summary><type>activity</type><description>REPORT</description></note><note><datetime>9-9-9T9:9:9.9Z</datetime><summary>DISPATCH</summary><type>activity</type><description>area default unit</description></note><note><datetime>9-9-9T9:9:9.9Z</datetime><summary>COMMENT</summary><type>comment</type><description>Caller says <it> got worse & worse</description></note><note><datetime>9-9-9T9:9:9.9Z</datetime><summary>COMMENT</summary><type>comment</type><description>second</description></note></notes></request></service_requests>
            token.json 200 application/json [{service_request_id:"SJ-9-9",token:"U"}]
            token.xml 200 text/xml; charset=utf-8 <service_requests><request><service_request_id>SJ-9-9</service_request_id><token>U</token></request></service_requests>
            updates.json 200 application/json …{update_id:"9",service_request_id:"SJ-9-9",status:"OPEN",updated_datetime:"9-9-9T9:9:9.9Z",description:"Caller says <it> got worse & worse",media_url:""}
            updates.xml 200 text/xml; charset=utf-8 <service_request_updates>…<request_update><update_id>9</update_id><service_request_id>SJ-9-9</service_request_id><status>OPEN</status><updated_datetime>9-9-9T9:9:9.9Z</updated_datetime><description>Caller says <it> got worse & worse</description><media_url></media_url></request_update>
            error404.json 404 application/json [{code:9,description:"service_code not found"}]
            error404.xml 404 text/xml; charset=utf-8 <errors><error><code>9</code><description>service_code not found</description></error></errors>
            error400.xml 400 text/xml; charset=utf-8 <errors><error><code>9</code><description>page: must be an integer between 9 and 9</description></error><error><code>9</code><description>extensions: must be true or false</description></error></errors>
            """;
}
