package org.civicsafety.cases.calendar;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.time.LocalDate;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.civicsafety.cases.common.ApiException;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/v1/calendar/holidays")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed("admin")
@Tag(name = "holidays", description = "The business calendar's public holidays and adjusted working days (调休), "
        + "which every working-day deadline counts with")
public class HolidayResource {

    @Schema(name = "Holiday", description = "A day off (HOLIDAY) or an adjusted working day on a weekend (WORKDAY)")
    public record DayBody(@NotNull LocalDate date, @NotNull DeadlineCalendar.DayKind kind,
            @NotBlank @Size(max = 100) String name) {}

    @Schema(name = "HolidayTable")
    public record Table(@NotNull @Size(max = 1000) List<@Valid @NotNull DayBody> days) {}

    @Inject CalendarService calendar;

    @GET
    @Operation(operationId = "listHolidays", summary = "Read the holiday table")
    @APIResponse(responseCode = "200", description = "Every day of the table")
    public Table get() {
        return new Table(calendar.list().stream().map(d -> new DayBody(d.date(), d.kind(), d.name())).toList());
    }

    /** Replaces the table for every year that appears in the body. */
    @PUT
    @Operation(operationId = "replaceHolidays", summary = "Replace the holiday table of the years in the body", description = "Every year that has a day in the body is replaced by the body's days of that year; other "
            + "years stay. Answers the whole table.")
    @APIResponse(responseCode = "200", description = "The whole table after the change")
    public Table put(@Valid @NotNull Table body) {
        Set<LocalDate> seen = new HashSet<>();
        List<ApiException.Invalid> errors = new java.util.ArrayList<>();
        for (int i = 0; i < body.days().size(); i++) {
            LocalDate date = body.days().get(i).date();
            if (!seen.add(date)) {
                errors.add(ApiException.Invalid.of("days[" + i + "].date", "calendar.duplicate-date"));
            }
            if (date.getYear() < 2000 || date.getYear() > 2100) {
                errors.add(ApiException.Invalid.of("days[" + i + "].date", "calendar.year-out-of-range"));
            }
        }
        if (!errors.isEmpty()) {
            throw ApiException.badRequest("the holiday table has invalid days", errors);
        }
        calendar.replaceYears(body.days().stream()
                .map(d -> new CalendarService.Day(d.date(), d.kind(), d.name())).toList());
        return get();
    }
}
