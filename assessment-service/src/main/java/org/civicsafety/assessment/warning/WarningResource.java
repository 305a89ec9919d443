package org.civicsafety.assessment.warning;

import io.quarkus.security.Authenticated;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.civicsafety.assessment.area.AreaRepository;
import org.civicsafety.assessment.common.ApiException;
import org.civicsafety.assessment.common.FieldMessage;
import org.civicsafety.assessment.common.Caller;
import org.civicsafety.assessment.common.Paging;
import org.civicsafety.assessment.period.Period;

@Path("/api/v1/warnings")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
public class WarningResource {
    @Inject Caller caller;
    @Inject WarningService warnings;

    @GET
    public Paging.Page<WarningService.WarningView> list(@QueryParam("areaCode") String areaCode,
            @QueryParam("type") String type,
            @QueryParam("period") String period, @QueryParam("limit") String limit,
            @QueryParam("cursor") String cursor) {
        caller.require(Caller.SCORE_READERS);
        if (areaCode != null && !AreaRepository.isCode(areaCode))
            throw ApiException.badRequest("areaCode", FieldMessage.Key.NOT_AN_AREA_CODE);
        if (type != null && !WarningService.TYPES.contains(type))
            throw ApiException.badRequest("type", FieldMessage.Key.ONE_OF, String.join(", ", WarningService.TYPES));
        if (period != null && !Period.isValidKey(period))
            throw ApiException.badRequest("period", FieldMessage.Key.NOT_A_PERIOD);
        Paging.limit(limit);
        Paging.offset(cursor);
        String scope = caller.isAdmin() ? null : caller.area();
        if (!caller.isAdmin() && scope == null)
            throw ApiException.forbidden("No area in your token");
        return Paging.page(warnings.find(areaCode, type, period, scope), limit, cursor);
    }
}
