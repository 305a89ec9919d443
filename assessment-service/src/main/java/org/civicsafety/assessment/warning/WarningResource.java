package org.civicsafety.assessment.warning;

import io.quarkus.security.Authenticated;
import jakarta.inject.Inject;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import org.civicsafety.assessment.area.AreaRepository;
import org.civicsafety.assessment.common.ApiException;
import org.civicsafety.assessment.common.Caller;
import org.civicsafety.assessment.common.Parameters;
import org.civicsafety.assessment.common.FieldMessage;
import org.civicsafety.assessment.common.Paging;
import org.civicsafety.assessment.csv.CsvExport;
import org.civicsafety.assessment.csv.CsvOpenApiFilter;
import org.civicsafety.assessment.period.Period;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.extensions.Extension;
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
    @Inject CsvExport csv;

    @GET
    @Operation(operationId = "listWarnings", summary = "List warnings, newest first")
    @Extension(name = CsvOpenApiFilter.EXTENSION, value = "true")
    @APIResponse(responseCode = "200", description = "a page of warnings", content = @Content(schema = @Schema(ref = "WarningPage")))
    public Paging.Page<WarningService.WarningView> list(@BeanParam Filters filters, @BeanParam Paging.Params page) {
        List<WarningService.WarningView> all = find(filters);
        Paging.limit(page.limit);
        Paging.offset(page.cursor);
        return Paging.page(all, page.limit, page.cursor);
    }

    /** {@link #list} as a CSV download (the same operation in the OpenAPI document). */
    @GET
    @Produces(CsvExport.PRODUCES)
    @Operation(hidden = true)
    public Response listCsv(@BeanParam Filters filters) {
        return csv.export("warnings", WarningService.WarningView.class, Paging.pages(() -> find(filters)));
    }

    /** The filters of the list, shared by its JSON page and its CSV export. */
    public static class Filters {
        @QueryParam("areaCode")
        @Parameter(description = "warnings of this area and every area below it") String areaCode;
        @QueryParam("type")
        @Parameter(description = "only this type of warning", schema = @Schema(implementation = WarningType.class)) String type;
        @QueryParam("period")
        @Parameter(description = "only this period: `running`, a month `2026-11`, a "
                + "quarter `2026-Q4` or a year `2026`", schema = @Schema(type = SchemaType.STRING, pattern = Period.KEY_PATTERN)) String period;
    }

    /** The whole list, newest first, after checking the filters and the caller. */
    private List<WarningService.WarningView> find(Filters f) {
        caller.require(Caller.SCORE_READERS);
        if (f.areaCode != null && !AreaRepository.isCode(f.areaCode))
            throw ApiException.badRequest("areaCode", FieldMessage.Key.NOT_AN_AREA_CODE);
        Parameters.oneOf("type", f.type, WarningType.class);
        if (f.period != null && !Period.isValidKey(f.period))
            throw ApiException.badRequest("period", FieldMessage.Key.NOT_A_PERIOD);
        String scope = caller.isAdmin() ? null : caller.area();
        if (!caller.isAdmin() && scope == null)
            throw ApiException.forbidden("No area in your token");
        return warnings.find(f.areaCode, f.type, f.period, scope);
    }
}
