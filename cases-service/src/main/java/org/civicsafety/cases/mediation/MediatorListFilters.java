package org.civicsafety.cases.mediation;

import jakarta.ws.rs.QueryParam;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;

/** The filters of the mediator directory's list, shared by its JSON page and its CSV export ({@code @BeanParam}). */
public class MediatorListFilters {
    @Parameter(description = "Only mediators in this area or below it")
    @QueryParam("areaCode") String areaCode;
    @Parameter(description = "true: only active mediators; false: only inactive ones", schema = @Schema(type = SchemaType.BOOLEAN))
    @QueryParam("active") String active;
    @Parameter(description = "Part of the name or the committee")
    @QueryParam("q") String q;

    /** The filters with a page's size and cursor, as {@link Mediators#list} takes them. */
    MediatorApi.Filters page(String limit, String cursor) {
        return new MediatorApi.Filters(areaCode, active, q, limit, cursor);
    }
}
