package org.civicsafety.cases.mediation;

import jakarta.ws.rs.QueryParam;
import org.civicsafety.cases.dispute.MediationType;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;

/** The filters of the mediation list, shared by its JSON page and its CSV export ({@code @BeanParam}). */
public class MediationListFilters {
    @Parameter(description = "Only mediations in this state", schema = @Schema(implementation = MediationState.class))
    @QueryParam("state") String state;
    @Parameter(description = "Only mediations of this type", schema = @Schema(implementation = MediationType.class))
    @QueryParam("type") String type;
    @Parameter(description = "Only mediations in this area or below it")
    @QueryParam("areaCode") String areaCode;
    @Parameter(description = "Only mediations this mediator (a directory id) works on", schema = @Schema(type = SchemaType.STRING, format = "uuid"))
    @QueryParam("mediatorId") String mediatorId;
    @Parameter(description = "true: only mediations flagged overdue; false: only the others", schema = @Schema(type = SchemaType.BOOLEAN))
    @QueryParam("overdue") String overdue;
    @Parameter(description = "Opened on or after this day (2026-12-01, Asia/Shanghai) or time (ISO 8601 with offset)")
    @QueryParam("from") String from;
    @Parameter(description = "Opened on or before this day (inclusive) or before this time")
    @QueryParam("to") String to;
    @Parameter(description = "Words of the summary, or part of the number")
    @QueryParam("q") String q;

    /** The filters with a page's size and cursor, as {@link MediationQueries#list} takes them. */
    MediationApi.Filters page(String limit, String cursor) {
        return new MediationApi.Filters(state, type, areaCode, mediatorId, overdue, from, to, q, limit, cursor);
    }
}
