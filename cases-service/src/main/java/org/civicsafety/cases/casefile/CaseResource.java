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
import jakarta.ws.rs.BeanParam;
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
import java.util.UUID;
import org.civicsafety.cases.common.ApiException;
import org.civicsafety.cases.csv.CsvExport;
import org.civicsafety.cases.csv.CsvOpenApiFilter;
import org.civicsafety.cases.idempotency.IdempotencyStore;
import org.civicsafety.cases.idempotency.IdempotentCreates;
import org.civicsafety.cases.workflow.CaseEntity;
import org.civicsafety.cases.workflow.TransitionBody;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.extensions.Extension;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.multipart.FileUpload;

@Path("/api/v1/cases")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "cases", description = "Petition cases (信访) under the 2022 Regulations: registration, the statutory "
        + "workflow and its deadlines, attachments, history, backlog and supervision, public tracking and statistics")
public class CaseResource {
    // What the OpenAPI document says of parameters several operations share.
    private static final String CASE_ID = "The case's id";
    private static final String IDEMPOTENCY_KEY = "Any string of at most 128 characters: the same key and body again "
            + "answer the first response and create nothing new; another body with the key is a 422";
    private static final String IF_MATCH = "The case's ETag (its version, e.g. \"3\"): a stale one is a 412";
    private static final String ETAG = "The case's version, for If-Match";
    static final String AREA_CODE = "Only cases in this area or below it (area codes of grid-service)";
    static final String FROM = "Registered on or after this day (2026-12-01, Asia/Shanghai) or time "
            + "(ISO 8601 with offset)";
    static final String TO = "Registered on or before this day (inclusive) or before this time";
    static final String LIMIT = "Page size";
    static final String CURSOR = "The nextCursor of the previous page";

    @Inject Caller caller;
    @Inject CaseService cases;
    @Inject CaseViews views;
    @Inject CaseQueries queries;
    @Inject CaseJournal journal;
    @Inject IdempotentCreates creates;
    @Inject ObjectMapper mapper;
    @Inject SupervisionService supervision;
    @Inject AttachmentService attachments;
    @Inject CsvExport csv;

    @POST
    @RolesAllowed({"citizen", "petition_officer"})
    @Transactional
    @Operation(operationId = "registerCase", summary = "Register a petition", description = "A citizen for themself, a petition officer on someone's behalf. The answer carries the "
            + "tracking code (the receipt), the deadlines and similar earlier cases; a repeat of a matter "
            + "still open is recorded NOT_ACCEPTED with the earlier case's progress.")
    @APIResponse(responseCode = "201", description = "Registered", headers = @Header(name = "ETag", description = ETAG, schema = @Schema(type = SchemaType.STRING)), content = @Content(schema = @Schema(implementation = CaseApi.CaseView.class)))
    public Response register(@Valid @NotNull CaseApi.CreateCase body,
            @Parameter(description = IDEMPOTENCY_KEY) @HeaderParam(IdempotencyStore.HEADER) String key)
            throws JsonProcessingException {
        Access.Who who = who();
        return idempotent(key, "POST /api/v1/cases " + mapper.writeValueAsString(body), () -> {
            CaseService.Created created = cases.register(body, who);
            return views.view(created.entity(), who, created.similar(), created.earlier());
        });
    }

    /** A create under its Idempotency-Key ({@link IdempotentCreates}): a case, a supervision note, an attachment. */
    private Response idempotent(String key, String request, java.util.function.Supplier<Object> create)
            throws JsonProcessingException {
        return creates.create(caller.idempotencyClient(), key, request, create, CaseResource::location);
    }

    /** A case is at its id; a supervision note or an attachment at its {@code url}. */
    private static URI location(JsonNode node) {
        if (node.has("number")) {
            return URI.create("/api/v1/cases/" + node.path("id").asText());
        }
        return node.has("url") ? URI.create(node.path("url").asText()) : null;
    }

    @GET
    @RolesAllowed({"citizen", "grid_worker", "handler", "petition_officer", "supervisor", "analyst", "admin"})
    @Transactional
    @Operation(operationId = "listCases", summary = "List cases", description = "The caller's scope only (a citizen their own cases), newest first, cursor paging. "
            + "backlog=true is the backlog ledger (台账). Items never carry the petitioner.")
    @Extension(name = CsvOpenApiFilter.EXTENSION, value = "true")
    @APIResponse(responseCode = "200", description = "A page of cases")
    public CaseApi.Page<CaseQueries.ListItem> list(@BeanParam CaseListFilters filters,
            @Parameter(description = LIMIT, schema = @Schema(type = SchemaType.INTEGER, minimum = "1", maximum = "500", defaultValue = "50")) @QueryParam("limit") String limit,
            @Parameter(description = CURSOR) @QueryParam("cursor") String cursor) {
        return queries.list(filters.page(limit, cursor), who());
    }

    /** {@link #list} as a CSV download (the same operation in the OpenAPI document). */
    @GET
    @Produces(CsvExport.PRODUCES)
    @RolesAllowed({"citizen", "grid_worker", "handler", "petition_officer", "supervisor", "analyst", "admin"})
    @Operation(hidden = true)
    public Response listCsv(@BeanParam CaseListFilters filters) {
        Access.Who who = who();
        return csv.export("cases", CaseQueries.ListItem.class,
                cursor -> queries.list(filters.page(CsvExport.PAGE_LIMIT, cursor), who));
    }

    @GET
    @Path("stats")
    @RolesAllowed({"handler", "petition_officer", "supervisor", "analyst", "admin"})
    @Transactional
    @Operation(operationId = "getCaseStats", summary = "Case statistics", description = "Counts by state, channel and type, on-time acceptance and answer rates, resolution, "
            + "repeat and satisfaction rates, always within the caller's scope.")
    @APIResponse(responseCode = "200", description = "The statistics of the area and period")
    public CaseQueries.Stats stats(@Parameter(description = AREA_CODE) @QueryParam("areaCode") String areaCode,
            @Parameter(description = FROM) @QueryParam("from") String from,
            @Parameter(description = TO) @QueryParam("to") String to,
            @Parameter(description = "Also the same figures per group: month or week (ISO, Monday first) of "
                    + "registration in Asia/Shanghai over from..to (default: the 12 periods up to now, every one "
                    + "listed), category (the case type), unit (the handling unit; UNASSIGNED for none) or childArea "
                    + "(the children of areaCode, else of the caller's area, else the top level)", schema = @Schema(enumeration = {
                            "month", "week", "category", "unit", "childArea"})) @QueryParam("groupBy") String groupBy) {
        return queries.stats(areaCode, from, to, groupBy, who());
    }

    /** 包案: the responsible leader, resolution plan and target date of a backlog case. */
    @POST
    @Path("{id}/backlog")
    @RolesAllowed("supervisor")
    @Transactional
    @Operation(operationId = "backlogCase", summary = "Put a case on the backlog ledger (包案)", description = "A supervisor over the case's area names the responsible leader, the plan and the target "
            + "date.")
    @APIResponse(responseCode = "200", description = "The case, on the ledger", headers = @Header(name = "ETag", description = ETAG, schema = @Schema(type = SchemaType.STRING)), content = @Content(schema = @Schema(implementation = CaseApi.CaseView.class)))
    public Response backlog(@Parameter(description = CASE_ID) @PathParam("id") String id,
            @Valid @NotNull CaseApi.BacklogBody body,
            @Parameter(description = IF_MATCH) @HeaderParam("If-Match") String ifMatch) {
        Access.Who who = who();
        CaseEntity c = supervision.backlog(parseId(id), body, parseIfMatch(ifMatch), who);
        return current(c, who);
    }

    /** 督办: a supervision note on the case. */
    @POST
    @Path("{id}/supervisions")
    @RolesAllowed("supervisor")
    @Transactional
    @Operation(operationId = "superviseCase", summary = "Add a supervision note (督办) to a case")
    @APIResponse(responseCode = "201", description = "The note, recorded", content = @Content(schema = @Schema(implementation = SupervisionService.Supervision.class)))
    public Response supervise(@Parameter(description = CASE_ID) @PathParam("id") String id,
            @Valid @NotNull CaseApi.SupervisionBody body,
            @Parameter(description = IDEMPOTENCY_KEY) @HeaderParam(IdempotencyStore.HEADER) String key)
            throws JsonProcessingException {
        Access.Who who = who();
        UUID caseId = parseId(id);
        return idempotent(key, "POST supervisions " + caseId + " " + mapper.writeValueAsString(body),
                () -> supervision.supervise(caseId, body, who));
    }

    @GET
    @Path("{id}/supervisions")
    @RolesAllowed({"handler", "petition_officer", "supervisor", "analyst", "admin"})
    @Transactional
    @Operation(operationId = "listCaseSupervisions", summary = "List a case's supervision notes", description = "Oldest first, all of them (nextCursor is always null).")
    @Extension(name = CsvOpenApiFilter.EXTENSION, value = "true")
    @APIResponse(responseCode = "200", description = "The case's supervision notes")
    public CaseApi.Page<SupervisionService.Supervision> supervisions(
            @Parameter(description = CASE_ID) @PathParam("id") String id) {
        Access.Who who = who();
        CaseEntity c = cases.findVisible(parseId(id), who);
        return new CaseApi.Page<>(supervision.list(c.id), null);
    }

    /** {@link #supervisions} as a CSV download: one page, read before answering. */
    @GET
    @Path("{id}/supervisions")
    @Produces(CsvExport.PRODUCES)
    @RolesAllowed({"handler", "petition_officer", "supervisor", "analyst", "admin"})
    @Operation(hidden = true)
    public Response supervisionsCsv(@PathParam("id") String id) {
        return csv.export("case-supervisions", SupervisionService.Supervision.class, cursor -> supervisions(id));
    }

    /** The address a supervision note's 201 names. */
    @GET
    @Path("{id}/supervisions/{supervisionId}")
    @RolesAllowed({"handler", "petition_officer", "supervisor", "analyst", "admin"})
    @Transactional
    @Operation(operationId = "getCaseSupervision", summary = "Read one supervision note of a case")
    @APIResponse(responseCode = "200", description = "The supervision note")
    public SupervisionService.Supervision supervisionRecord(
            @Parameter(description = CASE_ID) @PathParam("id") String id,
            @Parameter(description = "The note's id", schema = @Schema(type = SchemaType.INTEGER, format = "int64")) @PathParam("supervisionId") String supervisionId) {
        CaseEntity c = cases.findVisible(parseId(id), who());
        try {
            return supervision.find(c.id, Long.parseLong(supervisionId));
        } catch (NumberFormatException e) {
            throw ApiException.notFound("no such supervision record");
        }
    }

    /** 下访 / 约访: a leader's visit or appointment on a backlog case. */
    @POST
    @Path("{id}/leader-contacts")
    @RolesAllowed("supervisor")
    @Transactional
    @Operation(operationId = "addCaseLeaderContact", summary = "Record a leader's visit or appointment (下访、约访)", description = "A supervisor over the case's area, on a backlog case (else 409): the leader, VISIT or "
            + "APPOINTMENT, the date, place and a summary. It appears in the case's history and, as the latest, in "
            + "the backlog ledger.")
    @APIResponse(responseCode = "201", description = "Recorded", content = @Content(schema = @Schema(implementation = CaseApi.LeaderContact.class)))
    public Response addLeaderContact(@Parameter(description = CASE_ID) @PathParam("id") String id,
            @Valid @NotNull CaseApi.LeaderContactBody body,
            @Parameter(description = IDEMPOTENCY_KEY) @HeaderParam(IdempotencyStore.HEADER) String key)
            throws JsonProcessingException {
        Access.Who who = who();
        UUID caseId = parseId(id);
        return idempotent(key, "POST leader-contacts " + caseId + " " + mapper.writeValueAsString(body),
                () -> supervision.leaderContact(caseId, body, who));
    }

    @GET
    @Path("{id}/leader-contacts")
    @RolesAllowed({"handler", "petition_officer", "supervisor", "analyst", "admin"})
    @Transactional
    @Operation(operationId = "listCaseLeaderContacts", summary = "List a case's leader visits and appointments", description = "Latest first, all of them (nextCursor is always null).")
    @Extension(name = CsvOpenApiFilter.EXTENSION, value = "true")
    @APIResponse(responseCode = "200", description = "The case's leader contacts")
    public CaseApi.Page<CaseApi.LeaderContact> leaderContacts(
            @Parameter(description = CASE_ID) @PathParam("id") String id) {
        CaseEntity c = cases.findVisible(parseId(id), who());
        return new CaseApi.Page<>(supervision.leaderContacts(c.id), null);
    }

    /** {@link #leaderContacts} as a CSV download: one page, read before answering. */
    @GET
    @Path("{id}/leader-contacts")
    @Produces(CsvExport.PRODUCES)
    @RolesAllowed({"handler", "petition_officer", "supervisor", "analyst", "admin"})
    @Operation(hidden = true)
    public Response leaderContactsCsv(@PathParam("id") String id) {
        return csv.export("case-leader-contacts", CaseApi.LeaderContact.class, cursor -> leaderContacts(id));
    }

    /** The address a leader contact's 201 names. */
    @GET
    @Path("{id}/leader-contacts/{contactId}")
    @RolesAllowed({"handler", "petition_officer", "supervisor", "analyst", "admin"})
    @Transactional
    @Operation(operationId = "getCaseLeaderContact", summary = "Read one leader visit or appointment of a case")
    @APIResponse(responseCode = "200", description = "The leader contact")
    public CaseApi.LeaderContact leaderContact(@Parameter(description = CASE_ID) @PathParam("id") String id,
            @Parameter(description = "The contact's id", schema = @Schema(type = SchemaType.INTEGER, format = "int64")) @PathParam("contactId") String contactId) {
        CaseEntity c = cases.findVisible(parseId(id), who());
        try {
            return supervision.leaderContact(c.id, Long.parseLong(contactId));
        } catch (NumberFormatException e) {
            throw ApiException.notFound("no such leader contact");
        }
    }

    @POST
    @Path("{id}/attachments")
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    @RolesAllowed({"citizen", "handler", "petition_officer", "supervisor"})
    @Transactional
    @Operation(operationId = "addCaseAttachment", summary = "Attach a file to a case", description = "A PDF, JPEG or PNG (recognised by its content, not its name) of at most 10 MB, in the "
            + "form part `file`. Photos are stored without their location metadata.")
    @APIResponse(responseCode = "201", description = "Stored; url (and Location) is where it is downloaded", content = @Content(schema = @Schema(implementation = CaseApi.Attachment.class)))
    public Response attach(@Parameter(description = CASE_ID) @PathParam("id") String id,
            @Schema(type = SchemaType.STRING, format = "binary", description = "The file: PDF, JPEG or PNG, ≤ 10 MB") @RestForm("file") FileUpload file,
            @Parameter(description = IDEMPOTENCY_KEY) @HeaderParam(IdempotencyStore.HEADER) String key)
            throws java.io.IOException {
        Access.Who who = who();
        UUID caseId = parseId(id);
        if (file == null) {
            throw ApiException.badField("file", "attachment.file-missing");
        }
        byte[] content = attachments.read(file);
        return idempotent(key, "POST attachments " + caseId + " " + file.fileName() + " "
                + IdempotencyStore.hash(java.util.Base64.getEncoder().encodeToString(content)),
                () -> attachments.store(cases.lockVisible(caseId, who), file.fileName(), content, who));
    }

    /** The case's attachments, to whoever may see the case (a misconduct report's too: uploaders are not named). */
    @GET
    @Path("{id}/attachments")
    @RolesAllowed({"citizen", "grid_worker", "handler", "petition_officer", "supervisor", "analyst", "admin"})
    @Transactional
    @Operation(operationId = "listCaseAttachments", summary = "List a case's attachments", description = "Newest first, all of them (nextCursor is always null). Uploaders are not named.")
    @Extension(name = CsvOpenApiFilter.EXTENSION, value = "true")
    @APIResponse(responseCode = "200", description = "The case's attachments")
    public CaseApi.Page<CaseApi.Attachment> listAttachments(
            @Parameter(description = CASE_ID) @PathParam("id") String id) {
        CaseEntity c = cases.findVisible(parseId(id), who());
        return new CaseApi.Page<>(attachments.list(c.id), null);
    }

    /** {@link #listAttachments} as a CSV download: one page, read before answering. */
    @GET
    @Path("{id}/attachments")
    @Produces(CsvExport.PRODUCES)
    @RolesAllowed({"citizen", "grid_worker", "handler", "petition_officer", "supervisor", "analyst", "admin"})
    @Operation(hidden = true)
    public Response listAttachmentsCsv(@PathParam("id") String id) {
        return csv.export("case-attachments", CaseApi.Attachment.class, cursor -> listAttachments(id));
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
    @Operation(operationId = "getCaseAttachment", summary = "Download an attachment", description = "The stored bytes with their media type, as a download (Content-Disposition).")
    @APIResponse(responseCode = "200", description = "The file", headers = {
            @Header(name = "Content-Disposition", description = "attachment; filename=\"…\"; filename*=UTF-8''…", schema = @Schema(type = SchemaType.STRING)),
            @Header(name = "ETag", description = "The attachment's id: files never change", schema = @Schema(type = SchemaType.STRING))}, content = {
                    @Content(mediaType = "application/pdf", schema = @Schema(type = SchemaType.STRING, format = "binary")),
                    @Content(mediaType = "image/jpeg", schema = @Schema(type = SchemaType.STRING, format = "binary")),
                    @Content(mediaType = "image/png", schema = @Schema(type = SchemaType.STRING, format = "binary"))})
    public Response downloadAttachment(@Parameter(description = CASE_ID) @PathParam("id") String id,
            @Parameter(description = "The attachment's id") @PathParam("attachmentId") String attachmentId) {
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
    @Operation(operationId = "getCase", summary = "Read a case", description = "As much of the petitioner as the caller may see, and the actions the caller may take now.")
    @APIResponse(responseCode = "200", description = "The case", headers = @Header(name = "ETag", description = ETAG, schema = @Schema(type = SchemaType.STRING)), content = @Content(schema = @Schema(implementation = CaseApi.CaseView.class)))
    public Response get(@Parameter(description = CASE_ID) @PathParam("id") String id) {
        Access.Who who = who();
        CaseEntity c = cases.findVisible(parseId(id), who);
        return current(c, who);
    }

    @POST
    @Path("{id}/transitions")
    @RolesAllowed({"citizen", "handler", "petition_officer", "supervisor"})
    @Transactional
    @Operation(operationId = "transitionCase", summary = "Take a step of the workflow", description = "The action and the fields its row of the transition table requires (e.g. ASSIGN: unitId "
            + "and unitAreaCode; ANSWER: decision and text). An action not allowed now is a 409 naming the "
            + "allowed ones.")
    @APIResponse(responseCode = "200", description = "The case after the step", headers = @Header(name = "ETag", description = ETAG, schema = @Schema(type = SchemaType.STRING)), content = @Content(schema = @Schema(implementation = CaseApi.CaseView.class)))
    public Response transition(@Parameter(description = CASE_ID) @PathParam("id") String id,
            @Valid @NotNull TransitionBody body,
            @Parameter(description = IF_MATCH) @HeaderParam("If-Match") String ifMatch) {
        Access.Who who = who();
        CaseEntity c = cases.transition(parseId(id), body, parseIfMatch(ifMatch), who);
        return current(c, who);
    }

    @GET
    @Path("{id}/history")
    @RolesAllowed({"citizen", "grid_worker", "handler", "petition_officer", "supervisor", "analyst", "admin"})
    @Transactional
    @Operation(operationId = "getCaseHistory", summary = "Read a case's history", description = "The append-only audit trail, oldest first, all of it (nextCursor is always null).")
    @Extension(name = CsvOpenApiFilter.EXTENSION, value = "true")
    @APIResponse(responseCode = "200", description = "The case's history")
    public CaseApi.Page<CaseApi.HistoryEntry> history(@Parameter(description = CASE_ID) @PathParam("id") String id) {
        Access.Who who = who();
        CaseEntity c = cases.findVisible(parseId(id), who);
        return new CaseApi.Page<>(journal.history(c.id), null);
    }

    /** {@link #history} as a CSV download: one page, read before answering. */
    @GET
    @Path("{id}/history")
    @Produces(CsvExport.PRODUCES)
    @RolesAllowed({"citizen", "grid_worker", "handler", "petition_officer", "supervisor", "analyst", "admin"})
    @Operation(hidden = true)
    public Response historyCsv(@PathParam("id") String id) {
        return csv.export("case-history", CaseApi.HistoryEntry.class, cursor -> history(id));
    }

    /** Public receipt lookup (Art. 21): no login, no personal data. */
    @GET
    @Path("track/{trackingCode}")
    @PermitAll
    @Transactional
    @Operation(operationId = "trackCase", summary = "Track a case by its receipt's code", description = "No login. State, current deadline, handling unit and answer; never personal data.")
    @APIResponse(responseCode = "200", description = "Where the case stands")
    public CaseApi.TrackView track(
            @Parameter(description = "The tracking code on the receipt (12 characters)") @PathParam("trackingCode") String code) {
        return queries.track(code);
    }

    Access.Who who() {
        return caller.who();
    }

    public static UUID parseId(String id) {
        return parseId(id, "no such case");
    }

    /** A path id that is not a UUID names nothing that exists. */
    public static UUID parseId(String id, String notFound) {
        try {
            return UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw ApiException.notFound(notFound);
        }
    }

    /** {@code "3"}, {@code W/"3"} or {@code 3}; anything else cannot match any version. */
    public static Long parseIfMatch(String header) {
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

    public static String etag(long version) {
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
