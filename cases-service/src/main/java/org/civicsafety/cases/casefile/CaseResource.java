package org.civicsafety.cases.casefile;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.UUID;
import org.civicsafety.cases.common.ApiException;
import org.civicsafety.cases.idempotency.IdempotencyStore;
import org.civicsafety.cases.workflow.CaseEntity;
import org.civicsafety.cases.workflow.TransitionBody;
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.multipart.FileUpload;

@Path("/api/v1/cases")
@Produces(MediaType.APPLICATION_JSON)
public class CaseResource {
    @Inject Caller caller;
    @Inject CaseService cases;
    @Inject CaseViews views;
    @Inject CaseQueries queries;
    @Inject CaseJournal journal;
    @Inject IdempotencyStore idempotency;
    @Inject ObjectMapper mapper;
    @Inject SupervisionService supervision;
    @Inject AttachmentService attachments;

    @POST
    @RolesAllowed({"citizen", "petition_officer"})
    @Transactional
    public Response register(@Valid @NotNull CaseApi.CreateCase body, @HeaderParam(IdempotencyStore.HEADER) String key)
            throws JsonProcessingException {
        Access.Who who = who();
        return idempotent(key, "POST /api/v1/cases " + mapper.writeValueAsString(body), () -> {
            CaseService.Created created = cases.register(body, who);
            CaseApi.CaseView view = views.view(created.entity(), who, created.similar(), created.earlier());
            return new Made(view, view.id(), view.version());
        });
    }

    record Made(Object body, UUID id, long version) {}

    /**
     * Runs a create under an Idempotency-Key: the same key and body replay the stored response,
     * a different body is a 422 (see {@link IdempotencyStore}).
     */
    private Response idempotent(String key, String request, java.util.function.Supplier<Made> create)
            throws JsonProcessingException {
        String client = caller.idempotencyClient();
        key = idempotency.keyOf(key);
        if (key != null) {
            Optional<IdempotencyStore.Stored> earlier = idempotency.claim(client, key, IdempotencyStore.hash(request));
            if (earlier.isPresent()) {
                return replay(earlier.get());
            }
        }
        Made made = create.get();
        String json = mapper.writeValueAsString(made.body());
        if (key != null) {
            idempotency.complete(client, key, 201, json);
        }
        return created(json);
    }

    private Response created(String json) throws JsonProcessingException {
        JsonNode node = mapper.readTree(json);
        Response.ResponseBuilder rb = Response.status(201).type(MediaType.APPLICATION_JSON).entity(json);
        if (node.has("version")) {
            rb.header("ETag", etag(node.path("version").asLong()));
        }
        if (node.has("number")) {
            rb.location(URI.create("/api/v1/cases/" + node.path("id").asText()));
        } else if (node.has("url")) {
            rb.location(URI.create(node.path("url").asText()));
        }
        return rb.build();
    }

    private Response replay(IdempotencyStore.Stored stored) throws JsonProcessingException {
        return created(stored.body());
    }

    @GET
    @RolesAllowed({"citizen", "grid_worker", "handler", "petition_officer", "supervisor", "analyst", "admin"})
    @Transactional
    public CaseApi.Page<CaseQueries.ListItem> list(@QueryParam("state") String state,
            @QueryParam("areaCode") String areaCode,
            @QueryParam("unitId") String unitId, @QueryParam("channel") String channel, @QueryParam("type") String type,
            @QueryParam("overdue") String overdue, @QueryParam("backlog") String backlog,
            @QueryParam("from") String from, @QueryParam("to") String to, @QueryParam("q") String q,
            @QueryParam("limit") String limit, @QueryParam("cursor") String cursor) {
        return queries.list(new CaseQueries.Filters(state, areaCode, unitId, channel, type, overdue, backlog, from, to,
                q, limit, cursor), who());
    }

    @GET
    @Path("stats")
    @RolesAllowed({"handler", "petition_officer", "supervisor", "analyst", "admin"})
    @Transactional
    public CaseQueries.Stats stats(@QueryParam("areaCode") String areaCode, @QueryParam("from") String from,
            @QueryParam("to") String to) {
        return queries.stats(areaCode, from, to, who());
    }

    /** 包案: the responsible leader, resolution plan and target date of a backlog case. */
    @POST
    @Path("{id}/backlog")
    @RolesAllowed("supervisor")
    @Transactional
    public Response backlog(@PathParam("id") String id, @Valid @NotNull CaseApi.BacklogBody body,
            @HeaderParam("If-Match") String ifMatch) {
        Access.Who who = who();
        CaseEntity c = supervision.backlog(parseId(id), body, parseIfMatch(ifMatch), who);
        return current(c, who);
    }

    /** 督办: a supervision note on the case. */
    @POST
    @Path("{id}/supervisions")
    @RolesAllowed("supervisor")
    @Transactional
    public Response supervise(@PathParam("id") String id, @Valid @NotNull CaseApi.SupervisionBody body,
            @HeaderParam(IdempotencyStore.HEADER) String key) throws JsonProcessingException {
        Access.Who who = who();
        UUID caseId = parseId(id);
        return idempotent(key, "POST supervisions " + caseId + " " + mapper.writeValueAsString(body),
                () -> new Made(supervision.supervise(caseId, body, who), null, 0));
    }

    @GET
    @Path("{id}/supervisions")
    @RolesAllowed({"handler", "petition_officer", "supervisor", "analyst", "admin"})
    @Transactional
    public CaseApi.Page<SupervisionService.Record> supervisions(@PathParam("id") String id) {
        Access.Who who = who();
        CaseEntity c = cases.findVisible(parseId(id), who);
        return new CaseApi.Page<>(supervision.list(c.id), null);
    }

    @POST
    @Path("{id}/attachments")
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    @RolesAllowed({"citizen", "handler", "petition_officer", "supervisor"})
    @Transactional
    public Response attach(@PathParam("id") String id, @RestForm("file") FileUpload file,
            @HeaderParam(IdempotencyStore.HEADER) String key) throws java.io.IOException {
        Access.Who who = who();
        UUID caseId = parseId(id);
        if (file == null) {
            throw ApiException.badField("file", "attachment.file-missing");
        }
        byte[] content = attachments.read(file);
        return idempotent(key, "POST attachments " + caseId + " " + file.fileName() + " "
                + IdempotencyStore.hash(java.util.Base64.getEncoder().encodeToString(content)),
                () -> new Made(attachments.store(cases.lockVisible(caseId, who), file.fileName(), content, who), null,
                        0));
    }

    /** The case's attachments, to whoever may see the case (a misconduct report's too: uploaders are not named). */
    @GET
    @Path("{id}/attachments")
    @RolesAllowed({"citizen", "grid_worker", "handler", "petition_officer", "supervisor", "analyst", "admin"})
    @Transactional
    public CaseApi.Page<CaseApi.Attachment> listAttachments(@PathParam("id") String id) {
        CaseEntity c = cases.findVisible(parseId(id), who());
        return new CaseApi.Page<>(attachments.list(c.id), null);
    }

    /**
     * The file itself. Served as a download that the browser must not sniff into something active; the
     * content never changes, so its id is its ETag.
     */
    @GET
    @Path("{id}/attachments/{attachmentId}")
    @Produces({"application/pdf", "image/jpeg", "image/png"})
    @RolesAllowed({"citizen", "grid_worker", "handler", "petition_officer", "supervisor", "analyst", "admin"})
    @Transactional
    public Response downloadAttachment(@PathParam("id") String id, @PathParam("attachmentId") String attachmentId) {
        CaseEntity c = cases.findVisible(parseId(id), who());
        AttachmentService.StoredFile f = attachments.file(c.id, parseId(attachmentId, "no such attachment"));
        return Response.ok(f.content(), f.mediaType())
                .header("Content-Disposition", contentDisposition(f.filename()))
                .header("X-Content-Type-Options", "nosniff")
                .header("Cache-Control", "private")
                .tag(f.id().toString())
                .build();
    }

    @GET
    @Path("{id}")
    @RolesAllowed({"citizen", "grid_worker", "handler", "petition_officer", "supervisor", "analyst", "admin"})
    @Transactional
    public Response get(@PathParam("id") String id) {
        Access.Who who = who();
        CaseEntity c = cases.findVisible(parseId(id), who);
        return current(c, who);
    }

    @POST
    @Path("{id}/transitions")
    @RolesAllowed({"citizen", "handler", "petition_officer", "supervisor"})
    @Transactional
    public Response transition(@PathParam("id") String id, @Valid @NotNull TransitionBody body,
            @HeaderParam("If-Match") String ifMatch) {
        Access.Who who = who();
        CaseEntity c = cases.transition(parseId(id), body, parseIfMatch(ifMatch), who);
        return current(c, who);
    }

    @GET
    @Path("{id}/history")
    @RolesAllowed({"citizen", "grid_worker", "handler", "petition_officer", "supervisor", "analyst", "admin"})
    @Transactional
    public CaseApi.Page<CaseApi.HistoryEntry> history(@PathParam("id") String id) {
        Access.Who who = who();
        CaseEntity c = cases.findVisible(parseId(id), who);
        return new CaseApi.Page<>(journal.history(c.id), null);
    }

    /** Public receipt lookup (Art. 21): no login, no personal data. */
    @GET
    @Path("track/{trackingCode}")
    @PermitAll
    @Transactional
    public CaseApi.TrackView track(@PathParam("trackingCode") String code) {
        return queries.track(code);
    }

    Access.Who who() {
        return new Access.Who(caller.sub(), caller.roles(), caller.area(), caller.unit());
    }

    static UUID parseId(String id) {
        return parseId(id, "no such case");
    }

    /** A path id that is not a UUID names nothing that exists. */
    static UUID parseId(String id, String notFound) {
        try {
            return UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw ApiException.notFound(notFound);
        }
    }

    /** {@code "3"}, {@code W/"3"} or {@code 3}; anything else cannot match any version. */
    static Long parseIfMatch(String header) {
        if (header == null || header.isBlank() || header.strip().equals("*")) {
            return null;
        }
        String v = header.strip();
        if (v.startsWith("W/")) {
            v = v.substring(2);
        }
        v = v.replace("\"", "");
        try {
            return Long.parseLong(v);
        } catch (NumberFormatException e) {
            throw ApiException.preconditionFailed("If-Match does not name a version of this case");
        }
    }

    /** The case as the caller may see it after a change, with its new version as ETag. */
    private Response current(CaseEntity c, Access.Who who) {
        CaseApi.CaseView view = views.view(c, who, null, null);
        return Response.ok(view).header("ETag", etag(view.version())).build();
    }

    static String etag(long version) {
        return "\"" + version + "\"";
    }

    /**
     * RFC 6266: {@code filename*} carries the stored name exactly (UTF-8, RFC 5987 percent-encoding, so
     * Chinese names survive and CR/LF cannot split the header); {@code filename} is an ASCII fallback
     * for old clients, without quotes, backslashes, path separators or percent signs.
     */
    static String contentDisposition(String filename) {
        StringBuilder fallback = new StringBuilder();
        filename.codePoints().forEach(cp -> fallback.append(
                cp >= 0x20 && cp < 0x7F && "\"\\/%".indexOf(cp) < 0 ? (char) cp : '_'));
        StringBuilder encoded = new StringBuilder();
        for (byte b : filename.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xFF;
            boolean attrChar = c < 0x80 && (Character.isLetterOrDigit(c) || "!#$&+-.^_`|~".indexOf(c) >= 0);
            encoded.append(attrChar ? String.valueOf((char) c) : String.format("%%%02X", c));
        }
        return "attachment; filename=\"" + fallback + "\"; filename*=UTF-8''" + encoded;
    }

}
