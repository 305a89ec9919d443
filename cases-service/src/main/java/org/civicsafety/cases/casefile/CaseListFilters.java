package org.civicsafety.cases.casefile;

import jakarta.ws.rs.QueryParam;
import org.civicsafety.cases.workflow.CaseState;
import org.civicsafety.cases.workflow.Enums;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;

/** The filters of the case list, shared by its JSON page and its CSV export ({@code @BeanParam}). */
public class CaseListFilters {
    @Parameter(description = "Only cases in this state", schema = @Schema(implementation = CaseState.class))
    @QueryParam("state") String state;
    @Parameter(description = CaseResource.AREA_CODE)
    @QueryParam("areaCode") String areaCode;
    @Parameter(description = "Only cases assigned to this handling unit")
    @QueryParam("unitId") String unitId;
    @Parameter(description = "Only cases that came in by this channel", schema = @Schema(implementation = Enums.Channel.class))
    @QueryParam("channel") String channel;
    @Parameter(description = "Only cases of this type", schema = @Schema(implementation = Enums.CaseType.class))
    @QueryParam("type") String type;
    @Parameter(description = "true: only cases with a passed deadline; false: only the others", schema = @Schema(type = SchemaType.BOOLEAN))
    @QueryParam("overdue") String overdue;
    @Parameter(description = "true: only cases on the backlog ledger; false: only the others", schema = @Schema(type = SchemaType.BOOLEAN))
    @QueryParam("backlog") String backlog;
    @Parameter(description = CaseResource.FROM)
    @QueryParam("from") String from;
    @Parameter(description = CaseResource.TO)
    @QueryParam("to") String to;
    @Parameter(description = "Words in the title or content, or part of the case number")
    @QueryParam("q") String q;

    /** The filters with a page's size and cursor, as {@link CaseQueries#list} takes them. */
    CaseQueries.Filters page(String limit, String cursor) {
        return new CaseQueries.Filters(state, areaCode, unitId, channel, type, overdue, backlog, from, to, q, limit,
                cursor);
    }
}
