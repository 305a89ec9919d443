package org.civicsafety.assessment.score;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.civicsafety.assessment.messaging.EventConsumer;
import org.civicsafety.assessment.period.Calendar;
import org.civicsafety.assessment.support.ConsumerReady;
import org.civicsafety.assessment.support.Sql;
import org.civicsafety.assessment.support.TestEvents;
import org.civicsafety.assessment.support.Wait;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Every sibling group marked dirty is snapshotted: each area of a county gets its stored score for the month. */
@QuarkusTest
class SnapshotCoverageTest {
    @Inject EventConsumer consumer;
    @Inject Sql sql;
    @Inject Calendar calendar;

    @Test
    void everyMarkedGroupOfACountyIsStored() throws Exception {
        ConsumerReady.await(consumer);
        String c = "S" + TestEvents.suffix();
        List<String[]> areas = new ArrayList<>();
        areas.add(new String[]{c, null, "COUNTY"});
        for (int t = 1; t <= 4; t++) {
            String town = c + "-T" + t;
            areas.add(new String[]{town, c, "TOWNSHIP", c});
            for (int v = 1; v <= 5; v++) {
                String village = town + "-V" + v;
                areas.add(new String[]{village, town, "VILLAGE", c, town});
                for (int g = 1; g <= 2; g++)
                    areas.add(new String[]{village + "-G" + g, village, "GRID", c, town, village});
            }
        }
        for (String[] a : areas) {
            List<String> path = new ArrayList<>();
            for (int i = 3; i < a.length; i++)
                path.add(a[i]);
            path.add(a[0]);
            var data = TestEvents.area(a[0], "Area " + a[0], a[2], a[1], path, "GRID".equals(a[2]) ? 500 : 20_000, 1);
            TestEvents.producer().send(new ProducerRecord<>("civicsafety.areas.v1", a[0],
                    io.cloudevents.core.builder.CloudEventBuilder.v1()
                            .withId(UUID.randomUUID().toString()).withSource(URI.create("/grid-service"))
                            .withType("org.civicsafety.area.upserted.v1").withTime(OffsetDateTime.now(ZoneOffset.UTC))
                            .withDataContentType("application/json").withData(TestEvents.JSON.writeValueAsBytes(data))
                            .build()));
        }
        TestEvents.producer().flush();
        String month = YearMonth.from(calendar.today()).toString();
        Wait.until(Duration.ofSeconds(30),
                () -> sql.count("SELECT count(*) FROM area WHERE path[1] = ?", c) == areas.size());

        // Re-score the county the way an activation does (every group below the county dirty at once; urgent, so
        // that the test does not wait behind other test runs' hierarchies).
        sql.execute(
                "DELETE FROM area_score WHERE period = ? AND area_code IN (SELECT code FROM area WHERE path[1] = ?)",
                month, c);
        sql.execute("""
                INSERT INTO dirty_group (parent_code, period, priority)
                SELECT DISTINCT parent_code, ?, 0 FROM area WHERE path[1] = ? AND parent_code IS NOT NULL
                ON CONFLICT (parent_code, period) DO UPDATE SET priority = 0
                """, month, c);
        Wait.until(Duration.ofSeconds(90), Duration.ofMillis(250),
                () -> sql.count("SELECT count(*) FROM dirty_group WHERE parent_code LIKE ? AND period = ?", c + "%",
                        month) == 0);
        // No mark left does not mean every score is written: the last claimed group may still be scoring (its mark
        // is removed when it is claimed), which on a loaded machine takes a moment.
        Wait.untilAsserted(Duration.ofSeconds(30), Duration.ofMillis(250), () -> assertEquals(areas.size() - 1,
                stored(c, month), "every area below the county has its stored score"));
    }

    private long stored(String county, String month) throws Exception {
        return sql.count(
                "SELECT count(*) FROM area_score s JOIN area a ON a.code = s.area_code WHERE s.period = ? AND a.path[1] = ? AND a.parent_code IS NOT NULL",
                month, county);
    }
}
