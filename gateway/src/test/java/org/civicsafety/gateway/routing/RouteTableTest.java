package org.civicsafety.gateway.routing;

import org.junit.jupiter.api.Test;

import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;

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
        assertEquals(Optional.of("grid"), RouteTable.upstreamFor("/api/v1/categories/FIRE_HAZARD"));
        assertEquals(Optional.of("assessment"), RouteTable.upstreamFor("/api/v1/risk-assessments/1"));
        assertEquals(Optional.empty(), RouteTable.upstreamFor("/api/v1/casesx"));
        assertEquals(Optional.empty(), RouteTable.upstreamFor("/open311/v3/discovery.json"));
        assertEquals(Optional.empty(), RouteTable.upstreamFor("/api/v1/partner-keys"));
        assertEquals(Optional.empty(), RouteTable.upstreamFor("/"));
    }
}
