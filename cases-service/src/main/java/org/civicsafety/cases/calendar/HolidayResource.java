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

@Path("/api/v1/calendar/holidays")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed("admin")
public class HolidayResource {

    public record DayBody(@NotNull LocalDate date, @NotNull DeadlineCalendar.DayKind kind,
            @NotBlank @Size(max = 100) String name) {}

    public record Table(@NotNull @Size(max = 1000) List<@Valid @NotNull DayBody> days) {}

    @Inject CalendarService calendar;

    @GET
    public Table get() {
        return new Table(calendar.list().stream().map(d -> new DayBody(d.date(), d.kind(), d.name())).toList());
    }

    /** Replaces the table for every year that appears in the body. */
    @PUT
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
