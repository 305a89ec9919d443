package org.civicsafety.cases.reception;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.DELETE;
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
import java.util.function.Supplier;
import org.civicsafety.cases.casefile.Access;
import org.civicsafety.cases.casefile.CaseApi;
import org.civicsafety.cases.casefile.Caller;
import org.civicsafety.cases.common.ApiException;
import org.civicsafety.cases.csv.CsvExport;
import org.civicsafety.cases.csv.CsvOpenApiFilter;
import org.civicsafety.cases.idempotency.IdempotencyStore;
import org.civicsafety.cases.idempotency.IdempotentCreates;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.extensions.Extension;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/v1/reception-days")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "reception-days", description = "Leaders' public reception days (领导接访日): the public calendar, "
        + "citizens' bookings of a slot, the record of everyone received and what came of it, statistics")
public class ReceptionResource {
    private static final String DAY_ID = "The reception day's id";
    private static final String BOOKING_ID = "The booking's id";
    private static final String IDEMPOTENCY_KEY = "Any string of at most 128 characters: the same key and body again "
            + "answer the first response and create nothing new; another body with the key is a 422";
    static final String AREA_CODE = "Only days in this area or below it (area codes of grid-service)";
    private static final String LIMIT = "Page size";
    private static final String CURSOR = "The nextCursor of the previous page";

    @Inject Caller caller;
    @Inject ReceptionService reception;
    @Inject ReceptionRecords records;
    @Inject ReceptionStats stats;
    @Inject IdempotentCreates creates;
    @Inject ObjectMapper mapper;
    @Inject CsvExport csv;

    @POST
    @RolesAllowed({"petition_officer", "supervisor"})
    @Transactional
    @Operation(operationId = "createReceptionDay", summary = "Announce a leader's reception day", description = "A "
            + "petition officer or supervisor inside whose area the day is held: the leader (name and title), place, "
            + "day and hours, topics and how many people can be received (slots; the hours are divided among them).")
    @APIResponse(responseCode = "201", description = "Announced; Location is the day", content = @Content(schema = @Schema(implementation = ReceptionApi.DayView.class)))
    public Response create(@Valid @NotNull ReceptionApi.CreateDay body,
            @Parameter(description = IDEMPOTENCY_KEY) @HeaderParam(IdempotencyStore.HEADER) String key)
            throws JsonProcessingException {
        Access.Who who = who();
        return created(key, "POST /api/v1/reception-days " + mapper.writeValueAsString(body),
                () -> ReceptionService.view(reception.create(body, who)));
    }

    @GET
    @PermitAll
    @Transactional
    @Operation(operationId = "listReceptionDays", summary = "The calendar of reception days", description = "No login: "
            + "anyone sees the coming days, soonest first (from today unless from says otherwise), with the slots "
            + "left — never who booked.")
    @Extension(name = CsvOpenApiFilter.EXTENSION, value = "true")
    @APIResponse(responseCode = "200", description = "A page of reception days")
    public CaseApi.Page<ReceptionApi.DayView> list(@BeanParam ReceptionDayFilters filters,
            @Parameter(description = LIMIT, schema = @Schema(type = SchemaType.INTEGER, minimum = "1", maximum = "500", defaultValue = "50")) @QueryParam("limit") String limit,
            @Parameter(description = CURSOR) @QueryParam("cursor") String cursor) {
        return reception.list(filters.areaCode, filters.from, filters.to, limit, cursor);
    }

    /** {@link #list} as a CSV download (the same operation in the OpenAPI document). */
    @GET
    @Produces(CsvExport.PRODUCES)
    @PermitAll
    @Operation(hidden = true)
    public Response listCsv(@BeanParam ReceptionDayFilters filters) {
        return csv.export("reception-days", ReceptionApi.DayView.class,
                cursor -> list(filters, CsvExport.PAGE_LIMIT, cursor));
    }

    @GET
    @Path("stats")
    @RolesAllowed({"petition_officer", "supervisor", "analyst", "admin"})
    @Transactional
    @Operation(operationId = "getReceptionStats", summary = "Reception day statistics", description = "Within the "
            + "caller's area: receptions held (days with anyone received) and people received in the period, by "
            + "outcome; and of the backlog cases open now, those with a leader's visit or appointment in the last "
            + "90 days and their share.")
    @APIResponse(responseCode = "200", description = "The statistics of the area and period")
    public ReceptionApi.Stats stats(@Parameter(description = AREA_CODE) @QueryParam("areaCode") String areaCode,
            @Parameter(description = "Days on or after this day (YYYY-MM-DD)") @QueryParam("from") String from,
            @Parameter(description = "Days on or before this day (YYYY-MM-DD)") @QueryParam("to") String to) {
        return stats.of(areaCode, from, to, who());
    }

    @GET
    @Path("bookings/mine")
    @RolesAllowed("citizen")
    @Transactional
    @Operation(operationId = "listMyReceptionBookings", summary = "The caller's own bookings", description = "A "
            + "citizen's bookings (also those an officer made for their account), newest first.")
    @Extension(name = CsvOpenApiFilter.EXTENSION, value = "true")
    @APIResponse(responseCode = "200", description = "A page of the caller's bookings")
    public CaseApi.Page<ReceptionApi.BookingView> mine(
            @Parameter(description = LIMIT, schema = @Schema(type = SchemaType.INTEGER, minimum = "1", maximum = "500", defaultValue = "50")) @QueryParam("limit") String limit,
            @Parameter(description = CURSOR) @QueryParam("cursor") String cursor) {
        return reception.mine(who(), limit, cursor);
    }

    /** {@link #mine} as a CSV download. */
    @GET
    @Path("bookings/mine")
    @Produces(CsvExport.PRODUCES)
    @RolesAllowed("citizen")
    @Operation(hidden = true)
    public Response mineCsv() {
        Access.Who who = who();
        return csv.export("reception-bookings", ReceptionApi.BookingView.class,
                cursor -> reception.mine(who, CsvExport.PAGE_LIMIT, cursor));
    }

    @GET
    @Path("{id}")
    @PermitAll
    @Transactional
    @Operation(operationId = "getReceptionDay", summary = "Read a reception day", description = "No login; no booking data.")
    @APIResponse(responseCode = "200", description = "The reception day")
    public ReceptionApi.DayView get(@Parameter(description = DAY_ID) @PathParam("id") String id) {
        return ReceptionService.view(reception.find(parseId(id, "no such reception day")));
    }

    @POST
    @Path("{id}/bookings")
    @RolesAllowed({"citizen", "petition_officer"})
    @Transactional
    @Operation(operationId = "bookReception", summary = "Book a slot on a reception day", description = "A citizen "
            + "for themself, a petition officer of the day's area on a citizen's behalf (citizen required). The "
            + "booking gets a number and the first free slot; a full day, or a citizen who already holds a booking "
            + "that day, is a 409. The citizen is told by the contact preference's channel.")
    @APIResponse(responseCode = "201", description = "Booked; Location is the booking", content = @Content(schema = @Schema(implementation = ReceptionApi.BookingView.class)))
    public Response book(@Parameter(description = DAY_ID) @PathParam("id") String id,
            @Valid @NotNull ReceptionApi.CreateBooking body,
            @Parameter(description = IDEMPOTENCY_KEY) @HeaderParam(IdempotencyStore.HEADER) String key)
            throws JsonProcessingException {
        Access.Who who = who();
        UUID dayId = parseId(id, "no such reception day");
        return created(key, "POST bookings " + dayId + " " + mapper.writeValueAsString(body),
                () -> reception.book(dayId, body, who));
    }

    @GET
    @Path("{id}/bookings")
    @RolesAllowed({"petition_officer", "supervisor", "admin"})
    @Transactional
    @Operation(operationId = "listReceptionBookings", summary = "List a reception day's bookings", description = "Staff "
            + "over the day's area, by slot, all of them (nextCursor is always null); the citizen whole for petition "
            + "officers, masked for others.")
    @Extension(name = CsvOpenApiFilter.EXTENSION, value = "true")
    @APIResponse(responseCode = "200", description = "The day's bookings")
    public CaseApi.Page<ReceptionApi.BookingView> bookings(
            @Parameter(description = DAY_ID) @PathParam("id") String id) {
        return reception.bookingsOf(parseId(id, "no such reception day"), who());
    }

    /** {@link #bookings} as a CSV download: one page, read before answering. */
    @GET
    @Path("{id}/bookings")
    @Produces(CsvExport.PRODUCES)
    @RolesAllowed({"petition_officer", "supervisor", "admin"})
    @Operation(hidden = true)
    public Response bookingsCsv(@PathParam("id") String id) {
        return csv.export("reception-bookings", ReceptionApi.BookingView.class, cursor -> bookings(id));
    }

    @GET
    @Path("{id}/bookings/{bookingId}")
    @RolesAllowed({"citizen", "petition_officer", "supervisor", "admin"})
    @Transactional
    @Operation(operationId = "getReceptionBooking", summary = "Read a booking", description = "Its citizen, or staff over the day's area.")
    @APIResponse(responseCode = "200", description = "The booking")
    public ReceptionApi.BookingView booking(@Parameter(description = DAY_ID) @PathParam("id") String id,
            @Parameter(description = BOOKING_ID) @PathParam("bookingId") String bookingId) {
        return reception.booking(parseId(id, "no such booking"), parseId(bookingId, "no such booking"), who());
    }

    @DELETE
    @Path("{id}/bookings/{bookingId}")
    @RolesAllowed({"citizen", "petition_officer"})
    @Transactional
    @Operation(operationId = "cancelReceptionBooking", summary = "Cancel a booking", description = "The citizen's "
            + "own, or by a petition officer of the day's area: the slot is free again and the citizen is told. "
            + "Cancelling a cancelled booking changes nothing; one already received is a 409.")
    @APIResponse(responseCode = "204", description = "Cancelled")
    public void cancel(@Parameter(description = DAY_ID) @PathParam("id") String id,
            @Parameter(description = BOOKING_ID) @PathParam("bookingId") String bookingId) {
        reception.cancel(parseId(id, "no such booking"), parseId(bookingId, "no such booking"), who());
    }

    @POST
    @Path("{id}/records")
    @RolesAllowed("petition_officer")
    @Transactional
    @Operation(operationId = "recordReception", summary = "Record someone received", description = "A petition "
            + "officer of the day's area records a booking (once) or a walk-in and the outcome: NEW_CASE registers "
            + "the petition (case; channel VISIT), INSTRUCTED puts caseId on the backlog ledger under the day's "
            + "leader with the instruction as a supervision note, REFERRED names the legal channel (referral).")
    @APIResponse(responseCode = "201", description = "Recorded; Location is the record", content = @Content(schema = @Schema(implementation = ReceptionApi.RecordView.class)))
    public Response record(@Parameter(description = DAY_ID) @PathParam("id") String id,
            @Valid @NotNull ReceptionApi.CreateRecord body,
            @Parameter(description = IDEMPOTENCY_KEY) @HeaderParam(IdempotencyStore.HEADER) String key)
            throws JsonProcessingException {
        Access.Who who = who();
        UUID dayId = parseId(id, "no such reception day");
        return created(key, "POST records " + dayId + " " + mapper.writeValueAsString(body),
                () -> records.record(dayId, body, who));
    }

    @GET
    @Path("{id}/records")
    @RolesAllowed({"petition_officer", "supervisor", "admin"})
    @Transactional
    @Operation(operationId = "listReceptionRecords", summary = "List a reception day's records", description = "Staff "
            + "over the day's area, in the order they were made, all of them (nextCursor is always null); walk-ins "
            + "whole for petition officers, masked for others.")
    @Extension(name = CsvOpenApiFilter.EXTENSION, value = "true")
    @APIResponse(responseCode = "200", description = "The day's records")
    public CaseApi.Page<ReceptionApi.RecordView> records(@Parameter(description = DAY_ID) @PathParam("id") String id) {
        return records.ofDay(parseId(id, "no such reception day"), who());
    }

    /** {@link #records} as a CSV download: one page, read before answering. */
    @GET
    @Path("{id}/records")
    @Produces(CsvExport.PRODUCES)
    @RolesAllowed({"petition_officer", "supervisor", "admin"})
    @Operation(hidden = true)
    public Response recordsCsv(@PathParam("id") String id) {
        return csv.export("reception-records", ReceptionApi.RecordView.class, cursor -> records(id));
    }

    @GET
    @Path("{id}/records/{recordId}")
    @RolesAllowed({"petition_officer", "supervisor", "admin"})
    @Transactional
    @Operation(operationId = "getReceptionRecord", summary = "Read one record of a reception day")
    @APIResponse(responseCode = "200", description = "The record")
    public ReceptionApi.RecordView recordOf(@Parameter(description = DAY_ID) @PathParam("id") String id,
            @Parameter(description = "The record's id") @PathParam("recordId") String recordId) {
        return records.find(parseId(id, "no such reception record"), parseId(recordId, "no such reception record"),
                who());
    }

    /** A create under its Idempotency-Key; its address is its {@code url}, a day's its id under the collection. */
    private Response created(String key, String request, Supplier<Object> create) throws JsonProcessingException {
        return creates.create(caller.idempotencyClient(), key, request, create, node -> URI.create(
                node.has("url") ? node.path("url").asText() : ReceptionService.BASE + node.path("id").asText()));
    }

    private Access.Who who() {
        return new Access.Who(caller.sub(), caller.roles(), caller.area(), caller.unit());
    }

    /** A path id that is not a UUID names nothing that exists. */
    static UUID parseId(String id, String notFound) {
        try {
            return UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw ApiException.notFound(notFound);
        }
    }
}
