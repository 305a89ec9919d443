package org.civicsafety.cases.mediation;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.UUID;
import org.civicsafety.cases.casefile.Access;
import org.civicsafety.cases.casefile.Caller;
import org.civicsafety.cases.casefile.CaseResource;
import org.civicsafety.cases.csv.CsvExport;
import org.civicsafety.cases.csv.CsvOpenApiFilter;
import org.civicsafety.cases.common.ApiException;
import org.civicsafety.cases.idempotency.IdempotencyStore;
import org.civicsafety.cases.idempotency.IdempotentCreates;
import org.civicsafety.cases.notice.NoticeTemplates;
import org.civicsafety.cases.notice.WrittenNotices;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.extensions.Extension;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/v1/mediations")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "mediations", description = "Dispute mediation (矛盾纠纷调解): opening from an incident, a petition or "
        + "directly, the voluntary workflow to an agreement and its follow-up, deadlines, the parties' tracking")
public class MediationResource {
    private static final String MEDIATION_ID = "The mediation's id";
    private static final String ETAG = "The mediation's version, for If-Match";
    private static final String READERS_NOTE = "petition officers, mediators, supervisors and analysts in their area";

    @Inject Caller caller;
    @Inject MediationService service;
    @Inject MediationViews views;
    @Inject MediationQueries queries;
    @Inject AgreementDocuments agreements;
    @Inject IdempotentCreates creates;
    @Inject ObjectMapper mapper;
    @Inject CsvExport csv;

    @POST
    @RolesAllowed({"mediator", "petition_officer"})
    @Transactional
    @Operation(operationId = "openMediation", summary = "Open a mediation", description = "A mediator or petition "
            + "officer inside their area. The answer shows each party's tracking code once; a source incident must "
            + "be a dispute incident in your area.")
    @APIResponse(responseCode = "201", description = "Opened (state OPEN)", headers = @Header(name = "ETag", description = ETAG, schema = @Schema(type = SchemaType.STRING)), content = @Content(schema = @Schema(implementation = MediationApi.View.class)))
    public Response open(@Valid @NotNull MediationApi.CreateBody body,
            @Parameter(description = "Any string of at most 128 characters: the same key and body again answer the "
                    + "first response and create nothing new; another body with the key is a 422") @HeaderParam(IdempotencyStore.HEADER) String key)
            throws JsonProcessingException {
        Access.Who who = caller.who();
        return creates.create(caller.idempotencyClient(), key,
                "POST /api/v1/mediations " + mapper.writeValueAsString(body),
                () -> views.view(service.open(new MediationService.Opening(body, null), who), who, true),
                n -> URI.create("/api/v1/mediations/" + n.path("id").asText()));
    }

    @GET
    @RolesAllowed({"petition_officer", "mediator", "supervisor", "analyst", "admin"})
    @Transactional
    @Operation(operationId = "listMediations", summary = "List mediations", description = "Those in the caller's "
            + "area (" + READERS_NOTE + "; an admin all), newest first, cursor paging. Items never carry the parties.")
    @Extension(name = CsvOpenApiFilter.EXTENSION, value = "true")
    @APIResponse(responseCode = "200", description = "A page of mediations")
    public MediationApi.Page<MediationApi.ListItem> list(@BeanParam MediationListFilters filters,
            @Parameter(description = "Page size", schema = @Schema(type = SchemaType.INTEGER, minimum = "1", maximum = "500", defaultValue = "50")) @QueryParam("limit") String limit,
            @Parameter(description = "The nextCursor of the previous page") @QueryParam("cursor") String cursor) {
        return queries.list(filters.page(limit, cursor), caller.who());
    }

    /** {@link #list} as a CSV download (the same operation in the OpenAPI document). */
    @GET
    @Produces(CsvExport.PRODUCES)
    @RolesAllowed({"petition_officer", "mediator", "supervisor", "analyst", "admin"})
    @Operation(hidden = true)
    public Response listCsv(@BeanParam MediationListFilters filters) {
        Access.Who who = caller.who();
        return csv.export("mediations", MediationApi.ListItem.class,
                cursor -> queries.list(filters.page(CsvExport.PAGE_LIMIT, cursor), who));
    }

    @GET
    @Path("stats")
    @RolesAllowed({"petition_officer", "mediator", "supervisor", "analyst", "admin"})
    @Transactional
    @Operation(operationId = "getMediationStats", summary = "Mediation statistics", description = "Within the "
            + "caller's scope: mediations opened in the period by state; those concluded in it (AGREED or FAILED; "
            + "refusals and withdrawals apart), the success rate, the village-level share, the median duration and "
            + "the fulfilment rate; by type and by child area.")
    @APIResponse(responseCode = "200", description = "The statistics of the area and period")
    public MediationApi.Stats stats(
            @Parameter(description = "Only mediations in this area or below it; its children are the byArea rows") @QueryParam("areaCode") String areaCode,
            @Parameter(description = "From this day (2026-12-01, Asia/Shanghai) or time (ISO 8601 with offset)") @QueryParam("from") String from,
            @Parameter(description = "To this day (inclusive) or before this time") @QueryParam("to") String to) {
        return queries.stats(areaCode, from, to, caller.who());
    }

    @GET
    @Path("{id}")
    @RolesAllowed({"petition_officer", "mediator", "supervisor", "analyst", "admin"})
    @Transactional
    @Operation(operationId = "getMediation", summary = "Read a mediation", description = "The parties whole for the "
            + "mediation's mediators and whoever opened it, masked for everyone else; the actions the caller may take now.")
    @APIResponse(responseCode = "200", description = "The mediation", headers = @Header(name = "ETag", description = ETAG, schema = @Schema(type = SchemaType.STRING)), content = @Content(schema = @Schema(implementation = MediationApi.View.class)))
    public Response get(@Parameter(description = MEDIATION_ID) @PathParam("id") String id) {
        Access.Who who = caller.who();
        return current(service.findVisible(parseId(id), who), who);
    }

    @POST
    @Path("{id}/transitions")
    @RolesAllowed("mediator")
    @Transactional
    @Operation(operationId = "transitionMediation", summary = "Take a step of the mediation", description = "One of "
            + "the mediation's own mediators; the action and the fields its row requires (e.g. RECORD_CONSENT: "
            + "partyId; CONCLUDE_AGREEMENT: written, terms, obligations). An action not possible now is a 409 naming "
            + "the allowed ones.")
    @APIResponse(responseCode = "200", description = "The mediation after the step", headers = @Header(name = "ETag", description = ETAG, schema = @Schema(type = SchemaType.STRING)), content = @Content(schema = @Schema(implementation = MediationApi.View.class)))
    public Response transition(@Parameter(description = MEDIATION_ID) @PathParam("id") String id,
            @Valid @NotNull MediationBody body,
            @Parameter(description = "The mediation's ETag (its version, e.g. \"3\"): a stale one is a 412") @HeaderParam("If-Match") String ifMatch) {
        Access.Who who = caller.who();
        return current(service.transition(parseId(id), body, CaseResource.parseIfMatch(ifMatch), who), who);
    }

    @GET
    @Path("{id}/history")
    @RolesAllowed({"petition_officer", "mediator", "supervisor", "analyst", "admin"})
    @Transactional
    @Operation(operationId = "getMediationHistory", summary = "Read a mediation's history", description = "The append-only audit trail, oldest first, all of it (nextCursor is always null).")
    @Extension(name = CsvOpenApiFilter.EXTENSION, value = "true")
    @APIResponse(responseCode = "200", description = "The mediation's history")
    public MediationApi.Page<MediationApi.HistoryEntry> history(
            @Parameter(description = MEDIATION_ID) @PathParam("id") String id) {
        MediationEntity m = service.findVisible(parseId(id), caller.who());
        return new MediationApi.Page<>(queries.history(m.id), null);
    }

    /** {@link #history} as a CSV download: one page, read before answering. */
    @GET
    @Path("{id}/history")
    @Produces(CsvExport.PRODUCES)
    @RolesAllowed({"petition_officer", "mediator", "supervisor", "analyst", "admin"})
    @Operation(hidden = true)
    public Response historyCsv(@PathParam("id") String id) {
        return csv.export("mediation-history", MediationApi.HistoryEntry.class, cursor -> history(id));
    }

    /** The written agreement (调解协议书): the parties' document, so only for those who see them whole. */
    @GET
    @Path("{id}/agreement.pdf")
    @Produces("application/pdf")
    @RolesAllowed({"petition_officer", "mediator", "supervisor", "analyst", "admin"})
    @Transactional
    @Operation(operationId = "getMediationAgreement", summary = "Download the written agreement (PDF)", description = "A printable A4 PDF (调解协议书) in zh-CN (lang=en for English): the parties "
            + "named whole, the dispute, the terms, the obligations and a signatures block; the same bytes every "
            + "time. For the mediation's mediators and whoever opened it (others: 403); an oral agreement or none: 404.")
    @APIResponse(responseCode = "200", description = "The document", headers = {
            @Header(name = "ETag", description = "SHA-256 of the document", schema = @Schema(type = SchemaType.STRING)),
            @Header(name = "Content-Disposition", description = "inline; filename=\"<mediation number>.pdf\"", schema = @Schema(type = SchemaType.STRING))}, content = @Content(mediaType = "application/pdf", schema = @Schema(type = SchemaType.STRING, format = "binary")))
    public Response agreement(@Parameter(description = MEDIATION_ID) @PathParam("id") String id,
            @Parameter(description = "The document's language", schema = @Schema(enumeration = {"zh-CN",
                    "en"}, defaultValue = "zh-CN")) @QueryParam("lang") String lang) {
        String language = NoticeTemplates.documentLanguage(lang);
        Access.Who who = caller.who();
        MediationEntity m = service.findVisible(parseId(id), who);
        if (!service.seesPartiesWhole(who, m)) {
            throw ApiException.forbidden("the agreement names the parties: only their mediators and its opener");
        }
        if (!Boolean.TRUE.equals(m.agreementWritten) || m.agreedAt == null) {
            throw ApiException.notFound("the mediation has no written agreement");
        }
        byte[] pdf = agreements.pdf(m, language);
        return Response.ok(pdf, "application/pdf")
                .header("Content-Disposition", "inline; filename=\"" + m.number + ".pdf\"")
                .header("Cache-Control", "private").header("X-Content-Type-Options", "nosniff")
                .tag(WrittenNotices.sha256(pdf)).build();
    }

    /** A party's own view (mediation.md: the tracking mechanism of cases): no login, no personal data. */
    @GET
    @Path("track/{trackingCode}")
    @PermitAll
    @Transactional
    @Operation(operationId = "trackMediation", summary = "Track a mediation by a party's code", description = "No login. State, outcome, deadline and the number of sessions; never anyone's personal data.")
    @APIResponse(responseCode = "200", description = "Where the mediation stands")
    public MediationApi.TrackView track(
            @Parameter(description = "The party's tracking code (12 characters)") @PathParam("trackingCode") String code) {
        return queries.track(code);
    }

    private static UUID parseId(String id) {
        return CaseResource.parseId(id, "no such mediation");
    }

    private Response current(MediationEntity m, Access.Who who) {
        MediationApi.View view = views.view(m, who, false);
        return Response.ok(view).header("ETag", CaseResource.etag(view.version())).build();
    }
}
