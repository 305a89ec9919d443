package org.civicsafety.assessment.survey;

import io.quarkus.security.Authenticated;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.civicsafety.assessment.area.Area;
import org.civicsafety.assessment.area.AreaRepository;
import org.civicsafety.assessment.common.ApiException;
import org.civicsafety.assessment.common.FieldMessage;
import org.civicsafety.assessment.common.Caller;
import org.civicsafety.assessment.common.Idempotency;
import org.civicsafety.assessment.common.Parameters;
import org.civicsafety.assessment.period.Calendar;
import org.civicsafety.assessment.counter.CounterRepository;
import org.civicsafety.assessment.period.Period;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Survey results for I9 (sense of security) and I10 (satisfaction with public services), uploaded by analysts. */
@Path("/api/v1/surveys")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "surveys", description = "Survey results feeding I9 (sense of security) and I10 (satisfaction with public "
        + "services). A re-upload for the same area, period and indicator replaces the value.")
public class SurveyResource {
    @Inject Caller caller;
    @Inject AreaRepository areas;
    @Inject SurveyRepository surveys;
    @Inject Idempotency idempotency;
    @Inject CounterRepository counters;
    @Inject Calendar calendar;

    @Schema(name = "SurveyUpload")
    public record SurveyRequest(@NotBlank String areaCode,
            @NotBlank @Pattern(regexp = "\\d{4}(-\\d{2}|-Q[1-4])?", message = "{survey.period}") @Schema(description = "a month `2026-11`, a quarter `2026-Q4` or a year `2026`") String period,
            @NotNull @Pattern(regexp = "I9|I10", message = "{survey.indicator}") @Schema(enumeration = {"I9",
                    "I10"}, description = "I9 sense of security, I10 satisfaction with public "
                            + "services") String indicator,
            @NotNull @DecimalMin("0") @DecimalMax("100") @Schema(description = "the survey's result, 0–100") Double value,
            @NotNull @Min(1) @Max(10_000_000) @Schema(description = "how many residents were surveyed") Integer sampleSize){}

    @POST
    @RolesAllowed({"analyst", "admin"}) // checked before the body is read and validated
    @Transactional
    @Operation(operationId = "submitSurvey", summary = "Upload a survey result (I9 or I10) for an area and period")
    @APIResponse(responseCode = "201", description = "stored (a re-upload keeps the survey's id and replaces its value)", content = @Content(schema = @Schema(implementation = SurveyRepository.SurveyRow.class)))
    public Response upload(@NotNull @Valid SurveyRequest body,
            @HeaderParam("Idempotency-Key") @Parameter(description = Idempotency.HEADER) String key) {
        Period p;
        try {
            p = calendar.parse(body.period());
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest("period", FieldMessage.Key.SURVEY_PERIOD);
        }
        Area a = areas.byCode(body.areaCode());
        if (a == null || !caller.sees(a.path()))
            throw ApiException.badRequest("areaCode", FieldMessage.Key.UNKNOWN_AREA);
        return idempotency.run(key, "POST /api/v1/surveys", body, () -> {
            SurveyRepository.SurveyRow row = surveys.upsert(a, p.key(), body.indicator(), body.value(),
                    body.sampleSize(),
                    caller.subject());
            // The survey feeds its area and, pooled, every ancestor: re-snapshot those groups.
            counters.markDirty(a.path(), calendar.openPeriodKeys());
            return new Idempotency.Result(201, row, "/api/v1/surveys/" + row.id(), null);
        });
    }

    /** The address a created survey's Location names. */
    @GET
    @Path("{id}")
    @RolesAllowed({"analyst", "admin"})
    @Operation(operationId = "getSurvey", summary = "One uploaded survey result")
    @APIResponse(responseCode = "200", description = "the survey", content = @Content(schema = @Schema(implementation = SurveyRepository.SurveyRow.class)))
    public SurveyRepository.SurveyRow get(
            @PathParam("id") @Parameter(description = "the survey's id", schema = @Schema(type = SchemaType.STRING, format = "uuid")) String id) {
        return surveys.view(Parameters.uuid("id", id)).filter(s -> caller.sees(s.path()))
                .orElseThrow(() -> ApiException.notFound("Unknown survey " + id)); // outside the subtree too
    }
}
