package org.civicsafety.grid.incident;

import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.UriInfo;
import org.civicsafety.grid.common.ApiException;
import org.civicsafety.grid.common.FieldError;
import org.civicsafety.grid.common.Params;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** The query parameters of GET /incidents/stats as a {@code @BeanParam}; {@link #criteria()} checks them all at once. */
public class StatsFilter {
    static final Set<String> PARAMS = Set.of("areaCode", "from", "to", "groupBy");
    /** The most periods one answer groups by: ten years of weeks. */

    @Parameter(description = "The area whose figures (and its children's) are wanted; when absent the caller's"
            + " area, or the whole territory for an admin without one")
    @QueryParam("areaCode") String areaCode;
    @Parameter(description = "Only incidents reported from this time (ISO 8601 with offset)", schema = @Schema(type = SchemaType.STRING, format = "date-time"))
    @QueryParam("from") String from;
    @Parameter(description = "Only incidents reported before this time (ISO 8601 with offset)", schema = @Schema(type = SchemaType.STRING, format = "date-time"))
    @QueryParam("to") String to;
    @Parameter(description = "Also the figures of each month or ISO week (Asia/Shanghai; without from/to the 12"
            + " periods up to now), category, handling unit or child area of the area", schema = @Schema(enumeration = {
                    "month", "week", "category", "unit", "childArea"}))
    @QueryParam("groupBy") String groupBy;
    @Context UriInfo uri;

    /**
     * The checked parameters; {@code areaCode} and {@code groupBy} are null when not given. Grouped by period, from
     * and to are always set: to defaults to now, from to {@link StatsPeriods#DEFAULT_COUNT} periods before it.
     */
    public record Criteria(String areaCode, OffsetDateTime from, OffsetDateTime to, StatsGrouping groupBy) {}

    public Criteria criteria() {
        List<FieldError> errors = new ArrayList<>();
        // the list filters (bbox, lat, cursor, ...) do not apply here: refuse them rather than silently
        // answering with unfiltered figures
        uri.getQueryParameters().keySet().stream().filter(p -> !PARAMS.contains(p)).sorted()
                .forEach(p -> errors.add(FieldError.of(p, "incident.stats-parameter")));
        OffsetDateTime f = Params.timestamp(from, "from", errors);
        OffsetDateTime t = Params.timestamp(to, "to", errors);
        StatsGrouping by = null;
        if (groupBy != null && !groupBy.isBlank()) {
            by = StatsGrouping.parse(groupBy.trim()).orElse(null);
            if (by == null) {
                errors.add(FieldError.of("groupBy", "unknown-value", groupBy.trim()));
            }
        }
        if (by != null && by.byPeriod() && errors.isEmpty()) {
            t = t == null ? OffsetDateTime.now(IncidentService.SHANGHAI) : t;
            f = f == null ? StatsPeriods.defaultFrom(by, t, IncidentService.SHANGHAI) : f;
            if (StatsPeriods.count(by, f, t, IncidentService.SHANGHAI) > StatsPeriods.MAX_COUNT) {
                errors.add(FieldError.of("from", "incident.stats-periods", StatsPeriods.MAX_COUNT));
            }
        }
        if (!errors.isEmpty()) {
            throw ApiException.badRequest("Invalid query parameters", errors);
        }
        return new Criteria(areaCode == null || areaCode.isBlank() ? null : areaCode.trim(), f, t, by);
    }
}
