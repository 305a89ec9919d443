package org.civicsafety.assessment.flow;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import org.civicsafety.assessment.messaging.EventConsumer;
import org.civicsafety.assessment.support.ConsumerReady;
import org.civicsafety.assessment.support.Flow;
import org.civicsafety.assessment.support.TestEvents;
import org.civicsafety.assessment.support.Wait;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * I11 dispute mediation success (agreed / concluded) and I12 disputes resolved at the grassroots (concluded at
 * village or grid level / concluded) from cases-service's mediation events (mediation-design.md): per area and
 * ancestors, smoothed toward the parent, insufficient below 5 concluded, following each mediation's current outcome.
 */
@QuarkusTest
class MediationIndicatorsTest {
    static final Duration SOON = Duration.ofSeconds(20);

    @Inject EventConsumer consumer;

    record Hierarchy(String county, String town, String village, String otherVillage) {
        List<String> path(String area) {
            return area.equals(town) ? List.of(county, town) : List.of(county, town, area);
        }
    }

    @BeforeEach
    void ready() {
        ConsumerReady.await(consumer);
    }

    /** A county with one township and two villages; waits until the villages are scored. */
    static Hierarchy hierarchy() {
        String c = "C" + TestEvents.suffix();
        Hierarchy h = new Hierarchy(c, c + "-T1", c + "-T1-V1", c + "-T1-V2");
        TestEvents.publishArea(c, "County", "COUNTY", null, List.of(c), 20_000, 1);
        TestEvents.publishArea(h.town(), "Town", "TOWNSHIP", c, List.of(c, h.town()), 20_000, 1);
        TestEvents.publishArea(h.village(), "Village 1", "VILLAGE", h.town(), h.path(h.village()), 10_000, 1);
        TestEvents.publishArea(h.otherVillage(), "Village 2", "VILLAGE", h.town(), h.path(h.otherVillage()), 10_000,
                1);
        Wait.until(SOON, () -> Flow.list(h.town(), null).getList("items").size() == 2);
        return h;
    }

    /** A mediation opened and concluded with {@code outcome} in {@code area} (its level); returns its id. */
    static String concluded(Hierarchy h, String area, String level, String outcome) {
        String id = UUID.randomUUID().toString();
        OffsetDateTime at = Flow.now();
        Flow.publishMediation("opened", Flow.mediation(id, 1, area, h.path(area), level, "OPEN", null, at));
        Flow.publishMediation("concluded", Flow.mediation(id, 4, area, h.path(area), level,
                "AGREED".equals(outcome) ? "AGREED" : "ENDED", outcome, at));
        return id;
    }

    static double value(JsonPath detail, String indicator, String field) {
        return ((Number) Flow.indicator(detail, indicator, field)).doubleValue();
    }

    @Test
    void mediationsMoveAVillagesI11AndI12AndTheTownshipsPooledValues() {
        Hierarchy h = hierarchy();
        // refused and withdrawn mediations never count, not even in the denominators
        for (int i = 0; i < 3; i++)
            concluded(h, h.village(), "VILLAGE", "REFUSED");
        for (int i = 0; i < 2; i++)
            concluded(h, h.village(), "VILLAGE", "WITHDRAWN");
        for (int i = 0; i < 5; i++)
            concluded(h, h.village(), "VILLAGE", "AGREED");
        concluded(h, h.village(), "GRID", "AGREED");
        concluded(h, h.village(), "VILLAGE", "FAILED");
        concluded(h, h.village(), "VILLAGE", "FAILED");
        // two mediations held by the township itself: agreed, not at the grassroots
        concluded(h, h.town(), "TOWNSHIP", "AGREED");
        concluded(h, h.town(), "TOWNSHIP", "AGREED");
        concluded(h, h.otherVillage(), "VILLAGE", "AGREED");

        // village 1: 6 agreed of 8 concluded, all 8 at the grassroots; the township pools 9 + 2 = 11 concluded,
        // 6 + 2 + 1 = 9 agreed, 9 at the grassroots
        Wait.untilAsserted(SOON, () -> {
            JsonPath v = Flow.detail(h.village(), null);
            assertEquals(6, value(v, "I11", "numerator"), 1e-9);
            assertEquals(8, value(v, "I11", "denominator"), 1e-9);
            assertEquals(0.75, value(v, "I11", "raw"), 1e-9);
            assertEquals((6 + 20 * 9.0 / 11) / (8 + 20), value(v, "I11", "smoothed"), 1e-3);
            assertEquals(true, Flow.indicator(v, "I11", "available"));
            assertEquals(5.0, value(v, "I11", "weight"), 1e-9);
            assertEquals(8, value(v, "I12", "numerator"), 1e-9);
            assertEquals(8, value(v, "I12", "denominator"), 1e-9);
            assertEquals((8 + 20 * 9.0 / 11) / (8 + 20), value(v, "I12", "smoothed"), 1e-3);
            JsonPath t = Flow.detail(h.town(), null);
            assertEquals(9, value(t, "I11", "numerator"), 1e-9);
            assertEquals(11, value(t, "I11", "denominator"), 1e-9);
            assertEquals(9, value(t, "I12", "numerator"), 1e-9);
            assertEquals(11, value(t, "I12", "denominator"), 1e-9);
            // one concluded mediation is too few: insufficient, the weight drops out
            JsonPath other = Flow.detail(h.otherVillage(), null);
            assertEquals(false, Flow.indicator(other, "I11", "available"));
            assertEquals(false, Flow.indicator(other, "I12", "available"));
        });
        // the explanation names them in both languages
        given().auth().oauth2(org.civicsafety.assessment.support.Tokens.admin()).header("Accept-Language", "en")
                .when().get("/api/v1/scores/" + h.village()).then().statusCode(200)
                .body("indicators.find { it.id == 'I11' }.name", org.hamcrest.Matchers.equalTo(
                        "dispute mediation success"))
                .body("indicators.find { it.id == 'I12' }.name", org.hamcrest.Matchers.equalTo(
                        "disputes resolved at the grassroots"));
        assertEquals("矛盾纠纷调解成功率", Flow.indicator(Flow.detail(h.village(), null), "I11", "name"));
    }

    @Test
    void aReopenedMediationLeavesTheRatesUntilConcludedAgain() {
        Hierarchy h = hierarchy();
        for (int i = 0; i < 4; i++)
            concluded(h, h.village(), "VILLAGE", "AGREED");
        String reopened = concluded(h, h.village(), "VILLAGE", "AGREED");
        Wait.untilAsserted(SOON, () -> assertEquals(5, value(Flow.detail(h.village(), null), "I11", "denominator"),
                1e-9));

        OffsetDateTime at = Flow.now();
        List<String> path = h.path(h.village());
        // a follow-up keeping the agreement changes nothing; REOPEN takes the conclusion back
        Flow.publishMediation("followed-up", Flow.mediation(reopened, 5, h.village(), path, "VILLAGE", "FULFILLED",
                "AGREED", at));
        Flow.publishMediation("followed-up", Flow.mediation(reopened, 6, h.village(), path, "VILLAGE",
                "IN_MEDIATION", null, at));
        // a stale copy of the earlier conclusion is ignored
        Flow.publishMediation("concluded", Flow.mediation(reopened, 4, h.village(), path, "VILLAGE", "AGREED",
                "AGREED", at));
        Wait.untilAsserted(SOON, () -> {
            JsonPath v = Flow.detail(h.village(), null);
            assertEquals(4, value(v, "I11", "numerator"), 1e-9);
            assertEquals(4, value(v, "I11", "denominator"), 1e-9);
            assertEquals(false, Flow.indicator(v, "I11", "available"), "4 concluded: insufficient");
            assertEquals(4, value(Flow.detail(h.town(), null), "I12", "denominator"), 1e-9);
        });

        // concluded again, this time without an agreement
        Flow.publishMediation("concluded", Flow.mediation(reopened, 7, h.village(), path, "VILLAGE", "ENDED",
                "FAILED", at));
        Wait.untilAsserted(SOON, () -> {
            JsonPath v = Flow.detail(h.village(), null);
            assertEquals(4, value(v, "I11", "numerator"), 1e-9);
            assertEquals(5, value(v, "I11", "denominator"), 1e-9);
            assertEquals(true, Flow.indicator(v, "I11", "available"));
            assertEquals(5, value(v, "I12", "numerator"), 1e-9);
        });
    }
}
