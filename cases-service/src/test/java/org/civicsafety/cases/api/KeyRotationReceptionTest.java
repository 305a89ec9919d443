package org.civicsafety.cases.api;

import static io.restassured.RestAssured.given;
import static org.civicsafety.cases.api.TestSupport.*;
import static org.hamcrest.Matchers.*;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.civicsafety.cases.privacy.KeyRing;
import org.civicsafety.cases.privacy.PersonalDataCipher;
import org.civicsafety.cases.privacy.ReencryptionJob;
import org.junit.jupiter.api.Test;

/**
 * Key rotation of reception days' personal data (the profile of {@link KeyRotationTest}: 'retired-1' besides the
 * current 'dev-1'): a booking's citizen and a walk-in written under the older key stay readable, the older pseudonym
 * still holds the citizen's one booking of the day, and the re-encryption job moves both tables to the current keys.
 */
@QuarkusTest
@TestProfile(KeyRotationTest.TwoKeys.class)
class KeyRotationReceptionTest {

    final PersonalDataCipher retired = new PersonalDataCipher(
            new KeyRing("retired-1",
                    Map.of("retired-1", Base64.getDecoder().decode(KeyRotationTest.RETIRED_AES))),
            new KeyRing("retired-1",
                    Map.of("retired-1", Base64.getDecoder().decode(KeyRotationTest.RETIRED_HMAC))),
            new ObjectMapper());

    @Inject DataSource ds;
    @Inject PersonalDataCipher cipher;
    @Inject ReencryptionJob job;

    @Test
    void bookingsAndWalkInsMoveToTheCurrentKeys() throws Exception {
        Areas a = areas(ds);
        String s = suffix();
        String officer = token("officer-" + s, "petition_officer", a.county(), null);
        String base = "/api/v1/reception-days";
        String day = as(officer).body(Map.of("leader", Map.of("name", "王建国", "title", "县委书记"), "areaCode",
                a.township(), "date", LocalDate.now(ZoneId.of("Asia/Shanghai")).plusDays(1).toString(), "startTime",
                "09:00", "endTime", "12:00", "place", "县信访局", "slots", 5)).post(base).then().statusCode(201)
                .extract().path("id");
        String phone = randomPhone();
        String idNumber = randomId();
        Map<String, Object> body = new HashMap<>(Map.of("summary", "补偿款", "contactPreference", "NONE", "citizen",
                Map.of("name", "李明", "phone", phone, "idNumber", idNumber)));
        String booking = as(officer).body(body).post(base + "/" + day + "/bookings").then().statusCode(201)
                .extract().path("id");
        String walkInPhone = randomPhone();
        String record = as(officer).body(Map.of("outcome", "RESOLVED_ON_SPOT", "walkIn",
                Map.of("name", "周九", "phone", walkInPhone))).post(base + "/" + day + "/records").then()
                .statusCode(201).extract().path("id");

        // As if written before the rotation.
        rewrite("reception_booking", "citizen_enc", booking);
        update(ds, "UPDATE reception_booking SET citizen_ref = ?, citizen_ref_key_id = 'retired-1' WHERE id = ?::uuid",
                retired.pseudonym(idNumber, phone).ref(), booking);
        rewrite("reception_record", "walk_in_enc", record);

        as(officer).get(base + "/" + day + "/bookings/" + booking).then().statusCode(200)
                .body("citizen.phone", equalTo(phone)).body("citizen.idNumber", equalTo(idNumber));
        as(officer).get(base + "/" + day + "/records/" + record).then().body("walkIn.phone", equalTo(walkInPhone));
        // the booking under the older pseudonym is still the citizen's one booking of the day
        as(officer).body(body).post(base + "/" + day + "/bookings").then().statusCode(409)
                .body("detail", containsString("already holds"));

        job.runOnce();
        assertEquals("dev-1", KeyRotationTest.keyId(stored("reception_booking", "citizen_enc", booking)));
        assertEquals("dev-1", KeyRotationTest.keyId(stored("reception_record", "walk_in_enc", record)));
        assertEquals(cipher.pseudonym(idNumber, phone).ref(),
                queryString(ds, "SELECT citizen_ref FROM reception_booking WHERE id = ?::uuid", booking));
        assertEquals("dev-1",
                queryString(ds, "SELECT citizen_ref_key_id FROM reception_booking WHERE id = ?::uuid", booking));
        as(officer).get(base + "/" + day + "/bookings/" + booking).then().body("citizen.phone", equalTo(phone));
        for (String table : List.of("reception_booking", "reception_record")) {
            KeyRotationTest.gauge(table);
        }
        given().get(base + "/" + day).then().body("slotsLeft", is(4));
    }

    byte[] stored(String table, String column, String id) throws Exception {
        return queryBytes(ds, "SELECT " + column + " FROM " + table + " WHERE id = ?::uuid", id).get(0);
    }

    void rewrite(String table, String column, String id) throws Exception {
        byte[] plain = cipher.decrypt(stored(table, column, id));
        update(ds, "UPDATE " + table + " SET " + column + " = ? WHERE id = ?::uuid", retired.encrypt(plain), id);
        assertEquals("retired-1", KeyRotationTest.keyId(stored(table, column, id)));
    }
}
