package org.civicsafety.grid.notice;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.Sse;
import org.civicsafety.grid.common.ApiDocs;
import org.civicsafety.grid.common.ApiException;
import org.civicsafety.grid.common.Cursors;
import org.civicsafety.grid.common.FieldError;
import org.civicsafety.grid.common.Params;
import org.civicsafety.grid.security.Caller;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The caller's inbox of grid-service notices (the gateway composes it with cases-service's): the list, read marks
 * and a Server-Sent Events stream that resumes after {@code Last-Event-ID}.
 */
@Path("/api/v1/me/notices")
@Tag(name = MyNoticeResource.TAG, description = "The caller's notices (inbox, read marks, live stream) and notice"
        + " preferences")
public class MyNoticeResource {
    static final String TAG = "my-notices";
    /** How often a stream looks for the caller's new notices. */
    static final Duration POLL = Duration.ofMillis(250);
    /** A comment line this often keeps proxies from closing a quiet stream. */
    static final Duration KEEP_ALIVE = Duration.ofSeconds(15);
    /** Written after the colon as it is: the line reads {@code : keep-alive}, as the design has it. */
    static final String KEEP_ALIVE_COMMENT = " keep-alive";

    @Inject NoticeService service;
    @Inject Caller caller;
    @Inject ObjectMapper json;

    @GET
    @Authenticated
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(operationId = "listMyNotices", summary = "The caller's notices, newest first, with the count of unread"
            + " ones")
    public NoticeInbox list(
            @Parameter(description = ApiDocs.LIMIT, schema = @Schema(type = SchemaType.INTEGER, minimum = "1", maximum = "500")) @QueryParam("limit") String limit,
            @Parameter(description = ApiDocs.CURSOR) @QueryParam("cursor") String cursor,
            @Parameter(description = "true: only unread ones; false: only read ones; absent: all", schema = @Schema(type = SchemaType.BOOLEAN)) @QueryParam("unread") String unread) {
        List<FieldError> errors = new ArrayList<>();
        Integer lim = Params.integer(limit, "limit", errors);
        Boolean onlyUnread = Params.bool(unread, "unread", errors);
        if (!errors.isEmpty()) {
            throw ApiException.badRequest("Invalid query parameters", errors);
        }
        return service.inbox(caller, onlyUnread, cursor, Cursors.limit(lim));
    }

    @POST
    @Path("/{id}/read")
    @Authenticated
    @Operation(operationId = "markMyNoticeRead", summary = "Mark one of the caller's notices read (idempotent)")
    @APIResponse(responseCode = "204", description = "The notice is read")
    public Response read(@Parameter(description = "The notice's id (grid-<uuid>)") @PathParam("id") String id) {
        service.markRead(caller, id);
        return Response.noContent().build();
    }

    @GET
    @Path("/stream")
    @Authenticated
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @Operation(operationId = "streamMyNotices", summary = "The caller's new notices as Server-Sent Events: each one"
            + " event (id = its sequence number, event = notice, data = the Notice JSON); a ': keep-alive' comment"
            + " every 15 s")
    @APIResponse(responseCode = "200", description = "The stream", content = @Content(mediaType = MediaType.SERVER_SENT_EVENTS, schema = @Schema(type = SchemaType.STRING, description = "id: <seq>\\nevent: notice\\ndata: <Notice JSON>")))
    public Multi<OutboundSseEvent> stream(
            @Parameter(description = "Resume after this event id (the last one received)") @HeaderParam("Last-Event-ID") String lastEventId,
            @Parameter(description = "The same as the Last-Event-ID header, for clients that cannot set it") @QueryParam("lastEventId") String lastEventIdParam,
            @Context Sse sse) {
        String resume = lastEventId != null && !lastEventId.isBlank() ? lastEventId : lastEventIdParam;
        NoticeScope scope = NoticeScope.of(caller);
        AtomicLong last = new AtomicLong(resume == null || resume.isBlank() ? service.streamStart() : seq(resume));
        Multi<OutboundSseEvent> notices = Multi.createFrom().ticks().every(POLL)
                .onOverflow().drop()
                .emitOn(Infrastructure.getDefaultWorkerPool())
                .concatMap(tick -> Multi.createFrom().iterable(service.streamAfter(scope, last.get())))
                .map(n -> {
                    last.set(n.seq());
                    return sse.newEventBuilder().id(Long.toString(n.seq())).name("notice").data(text(NoticeView.of(n)))
                            .build();
                });
        Multi<OutboundSseEvent> keepAlive = Multi.createFrom().ticks().startingAfter(KEEP_ALIVE).every(KEEP_ALIVE)
                .onOverflow().drop().map(tick -> sse.newEventBuilder().comment(KEEP_ALIVE_COMMENT).build());
        return Multi.createBy().merging().streams(notices, keepAlive);
    }

    private String text(NoticeView notice) {
        try {
            return json.writeValueAsString(notice);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static long seq(String raw) {
        try {
            long seq = Long.parseLong(raw.trim());
            if (seq >= 0) {
                return seq;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw ApiException.badRequest(FieldError.of("Last-Event-ID", "not-an-event-id"));
    }
}
