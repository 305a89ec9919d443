package org.civicsafety.cases.reception;

import jakarta.ws.rs.QueryParam;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;

/** The filters of the reception day calendar, shared by its JSON page and its CSV export ({@code @BeanParam}). */
public class ReceptionDayFilters {
    @Parameter(description = ReceptionResource.AREA_CODE)
    @QueryParam("areaCode") String areaCode;
    @Parameter(description = "Days on or after this day (YYYY-MM-DD; default today, Asia/Shanghai)")
    @QueryParam("from") String from;
    @Parameter(description = "Days on or before this day (YYYY-MM-DD)")
    @QueryParam("to") String to;
}
