package org.civicsafety.grid.open311;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.civicsafety.grid.Fixtures;
import org.civicsafety.grid.Tokens;
import org.civicsafety.grid.open311.Open311Repository.HistoryRow;
import org.civicsafety.grid.open311.Open311Repository.RequestFilter;
import org.civicsafety.grid.open311.Open311Repository.RequestRow;
import org.junit.jupiter.api.Test;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The reads behind GET requests: one page of requests, and the notes of the whole page from the one
 * {@link Open311Repository#notes} call (it takes every id of the page, so there is no per-request query to make).
 */
@QuarkusTest
class Open311RepositoryTest {
    @Inject Open311Repository repo;

    @Test
    void aPageOfRequestsGetsTheNotesOfEachOfThemInOneCall() {
        Fixtures.Hierarchy h = Fixtures.hierarchy();
        String partner = Tokens.token("gateway", "partner", null, null, "repo-" + Fixtures.suffix());
        List<String> numbers = new ArrayList<>();
        for (int n = 0; n < 4; n++) {
            numbers.add(Open311PartnerTest.post(partner, h, "STREET_LIGHT").formParam("description", "light " + n)
                    .post("/open311/v2/requests.json").then().statusCode(201).extract().path("[0].service_request_id"));
        }
        for (int n = 0; n < numbers.size(); n += 2) {
            given().auth().oauth2(partner).contentType("application/x-www-form-urlencoded")
                    .formParam("service_request_id", numbers.get(n))
                    .formParam("description", "note of " + numbers.get(n))
                    .post("/open311/v2/servicerequestupdates.json").then().statusCode(200);
        }

        List<RequestRow> page = repo.requests(new RequestFilter(numbers, List.of("STREET_LIGHT"), null, null, null,
                null, 500, 0));
        assertEquals(numbers.size(), page.size());
        List<String> newestFirst = new ArrayList<>(numbers);
        Collections.reverse(newestFirst);
        assertEquals(newestFirst, page.stream().map(RequestRow::number).toList());
        Map<UUID, List<HistoryRow>> notes = repo.notes(page.stream().map(RequestRow::id).toList());
        assertEquals(page.size(), notes.size());
        for (int k = 0; k < page.size(); k++) {
            RequestRow r = page.get(k);
            List<HistoryRow> trail = notes.get(r.id());
            assertTrue(trail.stream().allMatch(x -> x.number().equals(r.number())), "only its own notes");
            assertTrue(trail.stream().anyMatch(x -> x.action().equals("REPORT")), r.number());
            assertTrue(trail.stream().map(HistoryRow::id).sorted().toList()
                    .equals(trail.stream().map(HistoryRow::id).toList()), "in the order they happened");
            boolean commented = numbers.indexOf(r.number()) % 2 == 0;
            assertEquals(commented, trail.stream().anyMatch(x -> ("note of " + r.number()).equals(x.note())),
                    r.number());
        }
        assertEquals(Map.of(), repo.notes(List.of()));
    }

    @Test
    void theOpenAndClosedFiltersComeFromTheStatesAndTheWindowBoundsTheList() {
        assertEquals("('REPORTED', 'DISPATCHED', 'IN_PROGRESS')", Open311Repository.OPEN_STATES);
        Fixtures.Hierarchy h = Fixtures.hierarchy();
        String partner = Tokens.token("gateway", "partner", null, null, "repo-" + Fixtures.suffix());
        String number = Open311PartnerTest.post(partner, h, "MANHOLE_COVER").post("/open311/v2/requests.json").then()
                .statusCode(201).extract().path("[0].service_request_id");
        OffsetDateTime now = OffsetDateTime.now();
        RequestFilter open = new RequestFilter(List.of(), List.of("MANHOLE_COVER"), now.minusMinutes(5),
                now.plusMinutes(5), true, null, 500, 0);
        assertTrue(repo.requests(open).stream().anyMatch(r -> r.number().equals(number)));
        assertTrue(repo.requests(new RequestFilter(List.of(), List.of("MANHOLE_COVER"), now.minusMinutes(5),
                now.plusMinutes(5), false, null, 500, 0)).stream().noneMatch(r -> r.number().equals(number)));
        assertTrue(repo.requests(new RequestFilter(List.of(), List.of("MANHOLE_COVER"), now.minusDays(9),
                now.minusDays(8), null, null, 500, 0)).stream().noneMatch(r -> r.number().equals(number)));
        RequestRow row = repo.request(number, null).orElseThrow();
        assertEquals(h.centerLat(), row.lat(), 1e-9);
        assertEquals(h.centerLon(), row.lon(), 1e-9);
    }
}
