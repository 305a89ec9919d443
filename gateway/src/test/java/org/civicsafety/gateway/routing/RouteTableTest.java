package org.civicsafety.gateway.routing;

import org.junit.jupiter.api.Test;

import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class RouteTableTest {

    @Test
    void prefixesMatchOnSegmentBoundaries() {
        assertEquals(Optional.of("cases"), RouteTable.upstreamFor("/api/v1/cases"));
        assertEquals(Optional.of("cases"), RouteTable.upstreamFor("/api/v1/cases/track/X"));
        assertEquals(Optional.of("cases"), RouteTable.upstreamFor("/api/v1/calendar/holidays"));
        assertEquals(Optional.of("grid"), RouteTable.upstreamFor("/open311/v2/discovery.json"));
        assertEquals(Optional.of("grid"), RouteTable.upstreamFor("/api/v1/categories"));
        assertEquals(Optional.of("grid"), RouteTable.upstreamFor("/api/v1/incidents.geojson"));
        assertEquals(Optional.of("grid"), RouteTable.upstreamFor("/api/v1/routing-rules/7"));
        assertEquals(Optional.of("grid"), RouteTable.upstreamFor("/api/v1/units/unit-C01/notice-channels"));
        assertEquals(Optional.of("grid"), RouteTable.upstreamFor("/api/v1/categories/FIRE_HAZARD"));
        assertEquals(Optional.of("assessment"), RouteTable.upstreamFor("/api/v1/risk-assessments/1"));
        assertEquals(Optional.of("cases"), RouteTable.upstreamFor("/api/v1/mediations"));
        assertEquals(Optional.of("cases"), RouteTable.upstreamFor("/api/v1/mediators/7"));
        assertEquals(Optional.of("cases"), RouteTable.upstreamFor("/api/v1/reception-days/2026-12-07"));
        assertEquals(Optional.of("grid"), RouteTable.upstreamFor("/api/v1/units/U1/notice-channels"));
        assertEquals(Optional.of("grid"), RouteTable.upstreamFor("/api/v1/webhooks"));
        // the notice paths are composed from two services, not routed to one
        assertEquals(Optional.empty(), RouteTable.upstreamFor("/api/v1/me/notices"));
        assertEquals(Optional.empty(), RouteTable.upstreamFor("/api/v1/notices"));
        assertEquals(Optional.empty(), RouteTable.upstreamFor("/api/v1/casesx"));
        assertEquals(Optional.empty(), RouteTable.upstreamFor("/open311/v3/discovery.json"));
        assertEquals(Optional.empty(), RouteTable.upstreamFor("/api/v1/partner-keys"));
        assertEquals(Optional.empty(), RouteTable.upstreamFor("/"));
    }

    @Test
    void metricsCollapseEverythingBelowARoutedPrefix() {
        assertEquals("/api/v1/incidents/*", RouteTable.metricsTemplate("/api/v1/incidents/3011c058-08ca-4449"));
        assertEquals("/api/v1/cases/*", RouteTable.metricsTemplate("/api/v1/cases/track/X"));
        assertEquals("/open311/v2/*", RouteTable.metricsTemplate("/open311/v2/requests.json"));
        assertEquals("/api/v1/areas/*", RouteTable.metricsTemplate("/api/v1/areas/C01/children"));
        // the prefix itself, its formats and a bare trailing slash keep their own path, as before
        assertNull(RouteTable.metricsTemplate("/api/v1/incidents"));
        assertNull(RouteTable.metricsTemplate("/api/v1/incidents/"));
        assertNull(RouteTable.metricsTemplate("/api/v1/incidents.geojson"));
        assertNull(RouteTable.metricsTemplate("/api/v1/casesx/1"));
        assertNull(RouteTable.metricsTemplate("/q/metrics"));
    }
}
