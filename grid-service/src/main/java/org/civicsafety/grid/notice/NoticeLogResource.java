package org.civicsafety.grid.notice;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.civicsafety.grid.common.ApiDocs;
import org.civicsafety.grid.common.Page;
import org.civicsafety.grid.csv.CsvExport;
import org.civicsafety.grid.csv.CsvOpenApiFilter;
import org.civicsafety.grid.security.Caller;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.extensions.Extension;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The delivery log: every notice with its deliveries and attempts, contact data masked. */
@Path("/api/v1/notices")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "notice-log", description = "The delivery log of notices: every channel attempt and status, for admins and"
        + " for supervisors in their area")
public class NoticeLogResource {
    @Inject NoticeService service;
    @Inject Caller caller;
    @Inject CsvExport csv;

    @GET
    @RolesAllowed({"admin", "supervisor"})
    @Operation(operationId = "listNoticeDeliveries", summary = "Notices newest first with their deliveries and"
            + " attempts (a supervisor: those of their area's subtree)")
    @Extension(name = CsvOpenApiFilter.EXTENSION, value = "true")
    public Page<LoggedNotice> list(@BeanParam NoticeLogFilter filter,
            @Parameter(description = ApiDocs.LIMIT, schema = @Schema(type = SchemaType.INTEGER, minimum = "1", maximum = "500")) @QueryParam("limit") String limit,
            @Parameter(description = ApiDocs.CURSOR) @QueryParam("cursor") String cursor) {
        NoticeLogFilter.Criteria c = filter.criteria(limit);
        return service.log(caller, c.filter(), cursor, c.limit());
    }

    /** {@link #list} as a CSV download (the same operation in the API document). */
    @GET
    @Produces(CsvExport.PRODUCES)
    @RolesAllowed({"admin", "supervisor"})
    @Operation(hidden = true)
    public Response listCsv(@BeanParam NoticeLogFilter filter) {
        NoticeLogFilter.Criteria c = filter.criteria(CsvExport.PAGE_LIMIT);
        return csv.export("notices", LoggedNotice.class, cursor -> service.log(caller, c.filter(), cursor, c.limit()));
    }
}
