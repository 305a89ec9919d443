package org.civicsafety.assessment.score;

import io.quarkus.security.Authenticated;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.civicsafety.assessment.area.Area;
import org.civicsafety.assessment.area.AreaRepository;
import org.civicsafety.assessment.common.ApiException;
import org.civicsafety.assessment.common.Caller;
import org.civicsafety.assessment.common.Paging;

import java.util.List;

@Path("/api/v1/scores")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
public class ScoreResource {
    @Inject
    Caller caller;
    @Inject
    AreaRepository areas;

    public record AreaItem(String areaCode, String name, String level, String parentCode, Long population) {}

    @GET
    public Paging.Page<AreaItem> list(@QueryParam("parentCode") String parentCode, @QueryParam("limit") String limit,
                                     @QueryParam("cursor") String cursor) {
        caller.require(Caller.SCORE_READERS);
        if (parentCode != null) {
            Area parent = areas.find(parentCode);
            if (parent == null) throw ApiException.notFound("Unknown area " + parentCode);
        }
        List<AreaItem> items = areas.children(parentCode).stream()
                .filter(a -> caller.sees(a.path()))
                .map(a -> new AreaItem(a.code(), a.name(), a.level(), a.parentCode(), a.population()))
                .toList();
        // Outside the caller's subtree the parent's existence is not revealed.
        if (parentCode != null && items.isEmpty() && !caller.sees(areas.find(parentCode).path())) {
            throw ApiException.notFound("Unknown area " + parentCode);
        }
        return Paging.page(items, limit, cursor);
    }
}
