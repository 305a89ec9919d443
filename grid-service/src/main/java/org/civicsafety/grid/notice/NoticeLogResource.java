package org.civicsafety.grid.notice;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.civicsafety.grid.common.ApiDocs;
import org.civicsafety.grid.common.ApiException;
import org.civicsafety.grid.common.Cursors;
import org.civicsafety.grid.common.FieldError;
import org.civicsafety.grid.common.Page;
import org.civicsafety.grid.common.Params;
import org.civicsafety.grid.security.Caller;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.ArrayList;
import java.util.List;

/** The delivery log: every notice with its deliveries and attempts, contact data masked. */
@Path("/api/v1/notices")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "notice-log", description = "The delivery log of notices: every channel attempt and status, for admins and"
        + " for supervisors in their area")
public class NoticeLogResource {
    @Inject NoticeService service;
    @Inject Caller caller;

    @GET
    @RolesAllowed({"admin", "supervisor"})
    @Operation(operationId = "listNoticeDeliveries", summary = "Notices newest first with their deliveries and"
            + " attempts (a supervisor: those of their area's subtree)")
    public Page<LoggedNotice> list(
            @Parameter(description = "USER, UNIT, AREA or PARTNER", schema = @Schema(implementation = RecipientType.class)) @QueryParam("recipientType") String recipientType,
            @Parameter(description = "Notices with a delivery through this channel", schema = @Schema(implementation = Channel.class)) @QueryParam("channel") String channel,
            @Parameter(description = "Notices with a delivery in this status", schema = @Schema(implementation = DeliveryStatus.class)) @QueryParam("status") String status,
            @Parameter(description = "Created at or after (ISO 8601 with offset)", schema = @Schema(type = SchemaType.STRING, format = "date-time")) @QueryParam("from") String from,
            @Parameter(description = "Created before (ISO 8601 with offset)", schema = @Schema(type = SchemaType.STRING, format = "date-time")) @QueryParam("to") String to,
            @Parameter(description = ApiDocs.LIMIT, schema = @Schema(type = SchemaType.INTEGER, minimum = "1", maximum = "500")) @QueryParam("limit") String limit,
            @Parameter(description = ApiDocs.CURSOR) @QueryParam("cursor") String cursor) {
        List<FieldError> errors = new ArrayList<>();
        NoticeRepository.LogFilter filter = new NoticeRepository.LogFilter(
                Params.constant(RecipientType.class, recipientType, "recipientType", errors),
                Params.constant(Channel.class, channel, "channel", errors),
                Params.constant(DeliveryStatus.class, status, "status", errors),
                Params.timestamp(from, "from", errors), Params.timestamp(to, "to", errors));
        Integer lim = Params.integer(limit, "limit", errors);
        if (!errors.isEmpty()) {
            throw ApiException.badRequest("Invalid query parameters", errors);
        }
        return service.log(caller, filter, cursor, Cursors.limit(lim));
    }
}
