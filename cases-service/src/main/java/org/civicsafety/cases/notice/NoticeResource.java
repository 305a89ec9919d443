package org.civicsafety.cases.notice;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.security.Authenticated;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.Sse;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.civicsafety.cases.csv.CsvExport;
import org.civicsafety.cases.csv.CsvOpenApiFilter;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.extensions.Extension;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The notices API of the notice design: the caller's inbox, read marks and the Server-Sent Events stream, their
 * preferences, and the delivery log for admins and supervisors. The gateway composes the {@code /me} paths of both
 * services.
 */
@Path("/api/v1")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "notices", description = "Notices (notices.md): the caller's inbox and its live stream, read marks, "
        + "notice preferences, and the delivery log of every channel")
public class NoticeResource {

    static final Duration POLL = Duration.ofMillis(250);
    static final Duration KEEP_ALIVE = Duration.ofSeconds(15);
    private static final String LIMIT = "Page size";
    private static final String CURSOR = "The nextCursor of the previous page";

    @Inject JsonWebToken jwt;
    @Inject NoticeQueries queries;
    @Inject ObjectMapper mapper;
    @Inject CsvExport csv;

    @GET
    @Path("me/notices")
    @Authenticated
    @Transactional
    @Operation(operationId = "listMyNotices", summary = "List the caller's notices", description = "Newest first: "
            + "the caller's own, their unit's (handlers) and their area subtree's (supervisors), with the count of "
            + "unread ones.")
    @APIResponse(responseCode = "200", description = "A page of notices")
    public NoticeApi.Inbox inbox(
            @Parameter(description = LIMIT, schema = @Schema(type = SchemaType.INTEGER, minimum = "1", maximum = "500", defaultValue = "50")) @QueryParam("limit") String limit,
            @Parameter(description = CURSOR) @QueryParam("cursor") String cursor,
            @Parameter(description = "true: only unread notices", schema = @Schema(type = SchemaType.BOOLEAN)) @QueryParam("unread") String unread) {
        return queries.inbox(reader(), limit, cursor, unread);
    }

    @POST
    @Path("me/notices/{id}/read")
    @Authenticated
    @Transactional
    @Operation(operationId = "markMyNoticeRead", summary = "Mark one of the caller's notices read", description = "Idempotent. Another service's notice id (grid-…) or a notice that is not the "
            + "caller's is a 404.")
    @APIResponse(responseCode = "204", description = "Read")
    public void read(@Parameter(description = "The notice's id, cases-<uuid>") @PathParam("id") String id) {
        queries.markRead(reader(), id);
    }

    /**
     * The caller's new notices as they are written: each an event {@code notice} with {@code id} = its seq, so that
     * a reconnecting client's Last-Event-ID resumes after it; a {@code : keep-alive} comment every 15 s.
     */
    @GET
    @Path("me/notices/stream")
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @Authenticated
    @Blocking
    @Operation(operationId = "streamMyNotices", summary = "Follow the caller's notices live (Server-Sent Events)", description = "One event per notice (event: notice, id: its sequence number, data: the Notice JSON). "
            + "Last-Event-ID (header or ?lastEventId=) resumes after that notice; without it only new notices "
            + "are sent.")
    @APIResponse(responseCode = "200", description = "The event stream", content = @Content(mediaType = MediaType.SERVER_SENT_EVENTS, schema = @Schema(type = SchemaType.STRING)))
    public Multi<OutboundSseEvent> stream(
            @Parameter(description = "The id of the last event received") @HeaderParam("Last-Event-ID") String lastEventHeader,
            @Parameter(description = "The id of the last event received (for clients that cannot set the header)") @QueryParam("lastEventId") String lastEventQuery,
            @Context Sse sse) {
        Reader reader = reader();
        String resume = lastEventHeader != null ? lastEventHeader : lastEventQuery;
        AtomicLong last = new AtomicLong(resume != null ? NoticeQueries.lastEventId(resume)
                : QuarkusTransaction.requiringNew().call(() -> queries.latestSeq(reader)));
        Multi<OutboundSseEvent> notices = Multi.createFrom().ticks().every(POLL).onOverflow().drop()
                .emitOn(Infrastructure.getDefaultWorkerPool())
                .concatMap(tick -> Multi.createFrom().iterable(
                        QuarkusTransaction.requiringNew().call(() -> queries.after(reader, last.get()))))
                .map(row -> {
                    last.set(row.seq());
                    return sse.newEventBuilder().id(Long.toString(row.seq())).name("notice")
                            .mediaType(MediaType.APPLICATION_JSON_TYPE).data(json(NoticeQueries.notice(row))).build();
                });
        Multi<OutboundSseEvent> keepAlive = Multi.createFrom().ticks().every(KEEP_ALIVE)
                .map(tick -> sse.newEventBuilder().comment("keep-alive").build());
        return Multi.createBy().merging().streams(notices, keepAlive);
    }

    @GET
    @Path("me/notice-preferences")
    @Authenticated
    @Transactional
    @Operation(operationId = "getMyNoticePreferences", summary = "Read how the caller is told", description = "Channels, language and own addresses (masked); defaults until the caller sets them.")
    @APIResponse(responseCode = "200", description = "The caller's preferences")
    public NoticeApi.Preferences preferences() {
        return queries.preferences(jwt.getSubject());
    }

    @PUT
    @Path("me/notice-preferences")
    @Authenticated
    @Transactional
    @Operation(operationId = "putMyNoticePreferences", summary = "Set how the caller is told", description = "Replaces the caller's preferences (idempotent). Addresses are stored encrypted and "
            + "answered masked. Statutory notices still reach the inbox and a given mobile.")
    @APIResponse(responseCode = "200", description = "The preferences as stored (addresses masked)")
    public NoticeApi.Preferences savePreferences(@Valid @NotNull NoticeApi.PreferencesBody body) {
        return queries.savePreferences(jwt.getSubject(), body);
    }

    @GET
    @Path("notices")
    @RolesAllowed({"admin", "supervisor"})
    @Transactional
    @Operation(operationId = "listNoticeDeliveries", summary = "The delivery log", description = "Every notice with its recipient, channels, delivery status and attempts, newest "
            + "first; addresses masked. Supervisors see the notices about their area subtree.")
    @Extension(name = CsvOpenApiFilter.EXTENSION, value = "true")
    @APIResponse(responseCode = "200", description = "A page of the log")
    public NoticeApi.Log log(@BeanParam NoticeLogFilters filters,
            @Parameter(description = LIMIT, schema = @Schema(type = SchemaType.INTEGER, minimum = "1", maximum = "500", defaultValue = "50")) @QueryParam("limit") String limit,
            @Parameter(description = CURSOR) @QueryParam("cursor") String cursor) {
        return log(logScope(), filters, limit, cursor);
    }

    /** {@link #log} as a CSV download (the same operation in the OpenAPI document). */
    @GET
    @Path("notices")
    @Produces(CsvExport.PRODUCES)
    @RolesAllowed({"admin", "supervisor"})
    @Operation(hidden = true)
    public Response logCsv(@BeanParam NoticeLogFilters filters) {
        String scope = logScope();
        return csv.export("notices", NoticeApi.LogEntry.class,
                cursor -> log(scope, filters, CsvExport.PAGE_LIMIT, cursor));
    }

    /** The area subtree whose notices the caller's log shows: null for an admin (all), "" for nothing. */
    private String logScope() {
        Reader reader = reader();
        return reader.has("admin") ? null : reader.area() == null ? "" : reader.area();
    }

    private NoticeApi.Log log(String areaScope, NoticeLogFilters f, String limit, String cursor) {
        return queries.log(areaScope, f.recipientType, f.channel, f.status, f.from, f.to, limit, cursor);
    }

    private Reader reader() {
        Set<String> groups = jwt.getGroups() == null ? Set.of() : new HashSet<>(jwt.getGroups());
        return new Reader(jwt.getSubject(), groups, claim("area"), claim("unit"));
    }

    private String claim(String name) {
        Object v = jwt.getClaim(name);
        return v == null ? null : v.toString().replace("\"", "");
    }

    private String json(NoticeApi.Notice n) {
        try {
            return mapper.writeValueAsString(n);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
