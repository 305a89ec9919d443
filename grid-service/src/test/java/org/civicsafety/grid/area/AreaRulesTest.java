package org.civicsafety.grid.area;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AreaRulesTest {
    private final ObjectMapper json = new ObjectMapper();

    @Test
    void eachLevelNeedsTheLevelAboveAsParent() {
        assertTrue(AreaRules.checkNesting(AreaLevel.COUNTY, null, false, null, List.of(), false).isEmpty());
        assertTrue(AreaRules.checkNesting(AreaLevel.TOWNSHIP, "C", true, AreaLevel.COUNTY, List.of(), false).isEmpty());
        assertTrue(AreaRules.checkNesting(AreaLevel.GRID, "V", true, AreaLevel.VILLAGE, List.of(), true).isEmpty());
        assertEquals("parentCode",
                AreaRules.checkNesting(AreaLevel.GRID, "T", true, AreaLevel.TOWNSHIP, List.of(), true).get(0).field());
        assertEquals("parentCode",
                AreaRules.checkNesting(AreaLevel.COUNTY, "C", true, AreaLevel.COUNTY, List.of(), false).get(0).field());
        assertEquals("parentCode",
                AreaRules.checkNesting(AreaLevel.VILLAGE, null, false, null, List.of(), false).get(0).field());
        assertEquals("parentCode",
                AreaRules.checkNesting(AreaLevel.VILLAGE, "X", false, null, List.of(), false).get(0).field());
    }

    @Test
    void gridNeedsBoundaryAndChildrenMustStillNest() {
        assertEquals("boundary",
                AreaRules.checkNesting(AreaLevel.GRID, "V", true, AreaLevel.VILLAGE, List.of(), false).get(0).field());
        assertEquals("level", AreaRules.checkNesting(AreaLevel.VILLAGE, "T", true, AreaLevel.TOWNSHIP,
                List.of(AreaLevel.VILLAGE), false).get(0).field());
        assertTrue(AreaRules.checkNesting(AreaLevel.VILLAGE, "T", true, AreaLevel.TOWNSHIP,
                List.of(AreaLevel.GRID), false).isEmpty());
    }

    @Test
    void geoJsonStructureIsChecked() throws Exception {
        assertTrue(GeoJsonPolygons.check(json.readTree(
                "{\"type\":\"Polygon\",\"coordinates\":[[[0,0],[1,0],[1,1],[0,0]]]}"), "b").isEmpty());
        assertTrue(GeoJsonPolygons.check(json.readTree(
                "{\"type\":\"MultiPolygon\",\"coordinates\":[[[[0,0],[1,0],[1,1],[0,0]]]]}"), "b").isEmpty());
        assertEquals("b.type", GeoJsonPolygons.check(json.readTree(
                "{\"type\":\"LineString\",\"coordinates\":[[0,0],[1,0]]}"), "b").get(0).field());
        assertEquals("b.coordinates[0]", GeoJsonPolygons.check(json.readTree(
                "{\"type\":\"Polygon\",\"coordinates\":[[[0,0],[1,0],[0,0]]]}"), "b").get(0).field());
        assertTrue(GeoJsonPolygons.check(json.readTree(
                "{\"type\":\"Polygon\",\"coordinates\":[[[0,0],[1,0],[1,1],[0,1]]]}"), "b").get(0).key()
                .equals("geojson.open-ring"));
        assertTrue(GeoJsonPolygons.check(json.readTree(
                "{\"type\":\"Polygon\",\"coordinates\":[[[0,0],[181,0],[1,1],[0,0]]]}"), "b").get(0).key()
                .equals("geojson.position-range"));
        assertEquals("b.coordinates[0][1]", GeoJsonPolygons.check(json.readTree(
                "{\"type\":\"Polygon\",\"coordinates\":[[[0,0],[\"x\",0],[1,1],[0,0]]]}"), "b").get(0).field());
        assertEquals("b", GeoJsonPolygons.check(json.readTree("\"nope\""), "b").get(0).field());
    }
}
