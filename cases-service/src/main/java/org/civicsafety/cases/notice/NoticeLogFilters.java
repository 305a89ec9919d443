package org.civicsafety.cases.notice;

import jakarta.ws.rs.QueryParam;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;

/** The filters of the delivery log, shared by its JSON page and its CSV export ({@code @BeanParam}). */
public class NoticeLogFilters {
    @Parameter(description = "Only notices for this kind of recipient", schema = @Schema(implementation = RecipientType.class))
    @QueryParam("recipientType") String recipientType;
    @Parameter(description = "Only notices with a delivery through this channel", schema = @Schema(implementation = Channel.class))
    @QueryParam("channel") String channel;
    @Parameter(description = "Only notices with a delivery in this status", schema = @Schema(implementation = DeliveryStatus.class))
    @QueryParam("status") String status;
    @Parameter(description = "Written on or after this day (Asia/Shanghai) or time (ISO 8601 with offset)")
    @QueryParam("from") String from;
    @Parameter(description = "Written on or before this day (inclusive) or before this time")
    @QueryParam("to") String to;
}
