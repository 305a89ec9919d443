package org.civicsafety.grid.area;

import jakarta.ws.rs.QueryParam;
import org.civicsafety.grid.common.ApiException;
import org.civicsafety.grid.common.Cursors;
import org.civicsafety.grid.common.FieldError;
import org.civicsafety.grid.common.Params;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;

import java.util.ArrayList;
import java.util.List;

/** The filters of GET /areas, shared by its JSON page and its CSV export ({@code @BeanParam}). */
public class AreaListFilter {
    @Parameter(description = "Only areas of this level", schema = @Schema(implementation = AreaLevel.class))
    @QueryParam("level") String level;
    @Parameter(description = "Only the children of this area")
    @QueryParam("parentCode") String parentCode;

    /** The checked filters with a page size; null where not given. */
    public record Criteria(AreaLevel level, String parentCode, int limit) {}

    /** The filters with the page size {@code limit} (null: the default), every bad one in one 400. */
    public Criteria criteria(String limit) {
        List<FieldError> errors = new ArrayList<>();
        AreaLevel lvl = null;
        if (level != null && !level.isBlank()) {
            lvl = AreaLevel.parse(level);
            if (lvl == null) {
                errors.add(FieldError.of("level", "area.level"));
            }
        }
        Integer lim = Params.integer(limit, "limit", errors);
        if (!errors.isEmpty()) {
            throw ApiException.badRequest("Invalid query parameters", errors);
        }
        return new Criteria(lvl, parentCode == null || parentCode.isBlank() ? null : parentCode, Cursors.limit(lim));
    }
}
