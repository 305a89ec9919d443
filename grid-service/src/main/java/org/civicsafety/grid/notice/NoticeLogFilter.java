package org.civicsafety.grid.notice;

import jakarta.ws.rs.QueryParam;
import org.civicsafety.grid.common.ApiException;
import org.civicsafety.grid.common.Cursors;
import org.civicsafety.grid.common.FieldError;
import org.civicsafety.grid.common.Params;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;

import java.util.ArrayList;
import java.util.List;

/** The filters of the delivery log (GET /notices), shared by its JSON page and its CSV export ({@code @BeanParam}). */
public class NoticeLogFilter {
    @Parameter(description = "USER, UNIT, AREA or PARTNER", schema = @Schema(implementation = RecipientType.class))
    @QueryParam("recipientType") String recipientType;
    @Parameter(description = "Notices with a delivery through this channel", schema = @Schema(implementation = Channel.class))
    @QueryParam("channel") String channel;
    @Parameter(description = "Notices with a delivery in this status", schema = @Schema(implementation = DeliveryStatus.class))
    @QueryParam("status") String status;
    @Parameter(description = "Created at or after (ISO 8601 with offset)", schema = @Schema(type = SchemaType.STRING, format = "date-time"))
    @QueryParam("from") String from;
    @Parameter(description = "Created before (ISO 8601 with offset)", schema = @Schema(type = SchemaType.STRING, format = "date-time"))
    @QueryParam("to") String to;

    /** The checked filters with a page size. */
    public record Criteria(NoticeRepository.LogFilter filter, int limit) {}

    /** The filters with the page size {@code limit} (null: the default), every bad one in one 400. */
    public Criteria criteria(String limit) {
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
        return new Criteria(filter, Cursors.limit(lim));
    }
}
