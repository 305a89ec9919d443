package org.civicsafety.assessment.warning;

import io.quarkus.security.Authenticated;
import jakarta.inject.Inject;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.civicsafety.assessment.area.AreaRepository;
import org.civicsafety.assessment.common.ApiException;
import org.civicsafety.assessment.common.Caller;
import org.civicsafety.assessment.common.Parameters;
import org.civicsafety.assessment.common.FieldMessage;
import org.civicsafety.assessment.common.Paging;
import org.civicsafety.assessment.period.Period;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/v1/warnings")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "warnings", description = "Yellow cards, trend alerts, vetoes and reassessment warnings raised by the "
        + "scoring. Staff see their `area` subtree, admin everything.")
public class WarningResource {
    @Inject Caller caller;
    @Inject WarningService warnings;

    @GET
    @Operation(operationId = "listWarnings", summary = "List warnings, newest first")
    @APIResponse(responseCode = "200", description = "a page of warnings", content = @Content(schema = @Schema(ref = "WarningPage")))
    public Paging.Page<WarningService.WarningView> list(
            @QueryParam("areaCode") @Parameter(description = "warnings of this area and every area below it") String areaCode,
            @QueryParam("type") @Parameter(description = "only this type of warning", schema = @Schema(implementation = WarningType.class)) String type,
            @QueryParam("period") @Parameter(description = "only this period: `running`, a month `2026-11`, a "
                    + "quarter `2026-Q4` or a year `2026`", schema = @Schema(type = SchemaType.STRING, pattern = Period.KEY_PATTERN)) String period,
            @BeanParam Paging.Params page) {
        caller.require(Caller.SCORE_READERS);
        if (areaCode != null && !AreaRepository.isCode(areaCode))
            throw ApiException.badRequest("areaCode", FieldMessage.Key.NOT_AN_AREA_CODE);
        Parameters.oneOf("type", type, WarningType.class);
        if (period != null && !Period.isValidKey(period))
            throw ApiException.badRequest("period", FieldMessage.Key.NOT_A_PERIOD);
        Paging.limit(page.limit);
        Paging.offset(page.cursor);
        String scope = caller.isAdmin() ? null : caller.area();
        if (!caller.isAdmin() && scope == null)
            throw ApiException.forbidden("No area in your token");
        return Paging.page(warnings.find(areaCode, type, period, scope), page.limit, page.cursor);
    }
}
