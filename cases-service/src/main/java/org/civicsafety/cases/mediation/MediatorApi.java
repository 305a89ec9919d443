package org.civicsafety.cases.mediation;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.util.List;
import java.util.UUID;
import org.civicsafety.cases.csv.CsvExport;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Bodies of the mediator directory ({@code /api/v1/mediators}). */
public final class MediatorApi {
    private MediatorApi() {}

    @Schema(name = "MediatorBody", description = "A mediator as POST creates and PUT replaces it")
    public record Body(
            @NotBlank @Size(max = 100) String name,
            @Schema(description = "The mediation committee (调委会) or office") @NotBlank @Size(max = 200) String committee,
            @Schema(description = "Where the mediator works (an area code of grid-service)") @NotBlank @Size(max = 64) String areaCode,
            @Schema(description = "Kinds of dispute, e.g. NEIGHBOURHOOD, LABOUR, FAMILY") @Size(max = 20) List<@NotBlank @Size(max = 50) String> specialties,
            @Schema(description = "false: no new mediation may name the mediator (default true)") Boolean active,
            @Schema(description = "The mediator's unit in the unit directory, told when a mediation is overdue") @Size(max = 64) String unitId,
            @Schema(description = "The sub of the mediator's account (role mediator): its holder acts as this mediator") @Size(max = 128) String userId) {}

    @Schema(name = "Mediator")
    public record View(UUID id, String name, String committee, String areaCode, List<String> specialties,
            boolean active, @Schema(nullable = true) String unitId, @Schema(nullable = true) String userId,
            long version, String createdAt, String updatedAt) {}

    @Schema(name = "MediatorPage")
    public record Page(List<View> items, @Schema(nullable = true) String nextCursor) implements CsvExport.Paged<View> {}

    /** What list filters were given, unchecked. */
    public record Filters(String areaCode, String active, String q, String limit, String cursor) {}

    static List<String> specialties(Body b) {
        return b.specialties() == null ? List.of() : b.specialties().stream().map(String::strip).distinct().toList();
    }

    static boolean active(Body b) {
        return b.active() == null || b.active();
    }
}
