package org.civicsafety.grid.incident;

import jakarta.ws.rs.QueryParam;
import org.civicsafety.grid.category.Severity;
import org.civicsafety.grid.common.ApiException;
import org.civicsafety.grid.common.Cursors;
import org.civicsafety.grid.common.FieldError;
import org.civicsafety.grid.common.ApiDocs;
import org.civicsafety.grid.common.Params;
import org.civicsafety.grid.csv.CsvExport;
import org.eclipse.microprofile.openapi.annotations.enums.Explode;
import org.eclipse.microprofile.openapi.annotations.enums.ParameterStyle;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;

import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * The query parameters of GET /incidents and /incidents.geojson as a {@code @BeanParam}; {@link #criteria()} checks
 * them all at once (every bad one in one 400) and gives the {@link Criteria} the list query runs on.
 */
public class IncidentFilter {
    @Parameter(description = "Only incidents in these states (comma-separated)", style = ParameterStyle.FORM, explode = Explode.FALSE, schema = @Schema(type = SchemaType.ARRAY, implementation = IncidentState.class))
    @QueryParam("state") String state;
    @Parameter(description = "Only incidents in this area or below it")
    @QueryParam("areaCode") String areaCode;
    @Parameter(description = "Only this category")
    @QueryParam("categoryCode") String categoryCode;
    @Parameter(description = "Only this severity", schema = @Schema(implementation = Severity.class))
    @QueryParam("severity") String severity;
    @Parameter(description = "Only this source", schema = @Schema(implementation = Source.class))
    @QueryParam("source") String source;
    @Parameter(description = "Only inside the box minLon,minLat,maxLon,maxLat (WGS84)", example = "113.80,22.40,113.82,22.41")
    @QueryParam("bbox") String bbox;
    @Parameter(description = "With lon and radius: only within radius meters of the point", schema = @Schema(type = SchemaType.NUMBER, minimum = "-90", maximum = "90"))
    @QueryParam("lat") String lat;
    @Parameter(description = "With lat and radius", schema = @Schema(type = SchemaType.NUMBER, minimum = "-180", maximum = "180"))
    @QueryParam("lon") String lon;
    @Parameter(description = "Meters, with lat and lon", schema = @Schema(type = SchemaType.NUMBER, minimum = "1", maximum = "50000"))
    @QueryParam("radius") String radius;
    @Parameter(description = "Only incidents changed after this time (ISO 8601 with offset)", schema = @Schema(type = SchemaType.STRING, format = "date-time"))
    @QueryParam("updatedAfter") String updatedAfter;
    @Parameter(description = "Only overdue ones (true) or only the others (false)", schema = @Schema(type = SchemaType.BOOLEAN))
    @QueryParam("overdue") String overdue;
    @Parameter(description = ApiDocs.LIMIT, schema = @Schema(type = SchemaType.INTEGER, minimum = "1", maximum = "500"))
    @QueryParam("limit") String limit;
    @Parameter(description = ApiDocs.CURSOR)
    @QueryParam("cursor") String cursor;

    /** The checked filters, turned into SQL on alias {@code i} by {@link Criteria#apply}. */
    public record Criteria(List<IncidentState> states, String areaCode, String categoryCode, Severity severity,
            Source source, double[] bbox, Double lat, Double lon, Double radius, OffsetDateTime updatedAfter,
            Boolean overdue, int limit, OffsetDateTime afterReportedAt, UUID afterId) {

        public static String cursorOf(IncidentData last) {
            return Cursors.encode("i:" + last.reportedAt() + "|" + last.id());
        }

        /**
         * Whether the list is read as slices of the list indexes, each one area (or county) and state newest first,
         * merged: true unless a box or circle is set, whose rows may lie anywhere in that order and which has an
         * index of its own; such a list is one query.
         */
        public boolean sliced() {
            return bbox == null && radius == null;
        }

        /** The same filters without updatedAfter. */
        public Criteria withoutUpdatedAfter() {
            return new Criteria(states, areaCode, categoryCode, severity, source, bbox, lat, lon, radius, null, overdue,
                    limit, afterReportedAt, afterId);
        }

        /**
         * Appends the conditions other than the area (which the list reads as an area at its level) to {@code sql}
         * and their values to {@code args}; the state only if {@code withState} (a sliced list has one per slice).
         */
        public void apply(StringBuilder sql, List<Object> args, boolean withState) {
            if (withState && states.size() == 1) {
                sql.append(" AND i.state = ?");
                args.add(states.get(0).name());
            } else if (withState && !states.isEmpty()) {
                sql.append(" AND i.state = ANY(?)");
                args.add(states.stream().map(Enum::name).toList());
            }
            if (categoryCode != null) {
                sql.append(" AND i.category_code = ?");
                args.add(categoryCode);
            }
            if (severity != null) {
                sql.append(" AND i.severity = ?");
                args.add(severity.name());
            }
            if (source != null) {
                sql.append(" AND i.source = ?");
                args.add(source.name());
            }
            if (bbox != null) {
                sql.append(" AND i.location && ST_MakeEnvelope(?, ?, ?, ?, 4326)");
                args.add(bbox[0]);
                args.add(bbox[1]);
                args.add(bbox[2]);
                args.add(bbox[3]);
            }
            if (radius != null) {
                // the circle's bounding box in degrees first, which the (location, reported_at) index answers, then
                // the distance on the sphere; no box where it would cross the antimeridian or reach a pole
                double dLat = radius / 110_000.0; // a degree of latitude is 110.6-111.7 km: the box is a bit larger
                double dLon = dLat / Math.cos(Math.toRadians(Math.min(89.9, Math.abs(lat) + dLat)));
                if (Math.abs(lat) + dLat < 89 && lon - dLon >= -180 && lon + dLon <= 180) {
                    sql.append(" AND i.location && ST_MakeEnvelope(?, ?, ?, ?, 4326)");
                    args.add(lon - dLon);
                    args.add(lat - dLat);
                    args.add(lon + dLon);
                    args.add(lat + dLat);
                }
                // the distance as a comparison (as ST_DWithin, on the spheroid) gets the planner's usual estimate of a
                // range: ST_DWithin without an index on the geography is estimated at one row and sorted for
                sql.append(" AND ST_Distance(i.location::geography, ST_SetSRID(ST_MakePoint(?, ?), 4326)::geography)"
                        + " <= ?");
                args.add(lon);
                args.add(lat);
                args.add(radius);
            }
            if (updatedAfter != null) {
                sql.append(" AND i.updated_at > ?");
                args.add(updatedAfter);
            }
            if (overdue != null) {
                // as SQL, not a parameter: a plan kept for any value could not use the partial overdue indexes
                sql.append(overdue ? " AND i.overdue" : " AND NOT i.overdue");
            }
            if (afterReportedAt != null) {
                // the first half alone is one the (location, reported_at) GiST index can test, too
                sql.append(" AND i.reported_at <= ? AND (i.reported_at, i.id) < (?, ?)");
                args.add(afterReportedAt);
                args.add(afterReportedAt);
                args.add(afterId);
            }
        }
    }

    public Criteria criteria() {
        return criteria(limit, cursor);
    }

    /** The filters of a CSV export's page: its limit and cursor left aside, as an export reads every page itself. */
    public Criteria exportPage(String pageCursor) {
        return criteria(CsvExport.PAGE_LIMIT, pageCursor);
    }

    private Criteria criteria(String limit, String cursor) {
        List<FieldError> errors = new ArrayList<>();
        List<IncidentState> states = new ArrayList<>();
        if (state != null && !state.isBlank()) {
            for (String s : state.split(",")) {
                try {
                    states.add(IncidentState.valueOf(s.trim().toUpperCase()));
                } catch (IllegalArgumentException e) {
                    errors.add(FieldError.of("state", "incident.unknown-state", s.trim()));
                }
            }
        }
        Severity sev = parseEnum(Severity.class, severity, "severity", errors);
        Source src = parseEnum(Source.class, source, "source", errors);
        double[] box = null;
        if (bbox != null && !bbox.isBlank()) {
            String[] p = bbox.split(",");
            if (p.length != 4) {
                errors.add(FieldError.of("bbox", "incident.bbox"));
            } else {
                List<FieldError> boxErrors = new ArrayList<>();
                Double a = Params.decimal(p[0], "bbox", -180, 180, true, boxErrors);
                Double b = Params.decimal(p[1], "bbox", -90, 90, true, boxErrors);
                Double c = Params.decimal(p[2], "bbox", -180, 180, true, boxErrors);
                Double d = Params.decimal(p[3], "bbox", -90, 90, true, boxErrors);
                if (!boxErrors.isEmpty() || a > c || b > d) {
                    errors.add(FieldError.of("bbox", "incident.bbox-bounds"));
                } else {
                    box = new double[]{a, b, c, d};
                }
            }
        }
        Double la = Params.decimal(lat, "lat", -90, 90, false, errors);
        Double lo = Params.decimal(lon, "lon", -180, 180, false, errors);
        Double r = Params.decimal(radius, "radius", 1, 50_000, false, errors);
        boolean anyCircle = lat != null || lon != null || radius != null;
        if (anyCircle && (lat == null || lon == null || radius == null)) {
            errors.add(FieldError.of("radius", "incident.circle"));
        }
        OffsetDateTime updated = Params.timestamp(updatedAfter, "updatedAfter", errors);
        Boolean od = null;
        if (overdue != null && !overdue.isBlank()) {
            if (overdue.equalsIgnoreCase("true") || overdue.equalsIgnoreCase("false")) {
                od = Boolean.valueOf(overdue);
            } else {
                errors.add(FieldError.of("overdue", "not-a-boolean"));
            }
        }
        Integer lim = Params.integer(limit, "limit", errors);
        if (!errors.isEmpty()) {
            throw ApiException.badRequest("Invalid query parameters", errors);
        }
        OffsetDateTime afterAt = null;
        UUID afterId = null;
        if (cursor != null && !cursor.isBlank()) {
            String raw = Cursors.decode(cursor, "i:");
            int bar = raw.indexOf('|');
            try {
                afterAt = OffsetDateTime.parse(raw.substring(0, bar));
                afterId = UUID.fromString(raw.substring(bar + 1));
            } catch (DateTimeParseException | IllegalArgumentException | StringIndexOutOfBoundsException e) {
                throw ApiException.badRequest(FieldError.of("cursor", "not-a-cursor"));
            }
        }
        return new Criteria(states, blankToNull(areaCode), blankToNull(categoryCode), sev, src, box, la, lo, r,
                updated, od, Cursors.limit(lim), afterAt, afterId);
    }

    private static <E extends Enum<E>> E parseEnum(Class<E> type, String raw, String field, List<FieldError> errors) {
        if (raw == null || raw.isBlank()) {
            return null;
        }
        try {
            return Enum.valueOf(type, raw.trim().toUpperCase());
        } catch (IllegalArgumentException e) {
            errors.add(FieldError.of(field, "unknown-value", raw));
            return null;
        }
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }
}
