package org.civicsafety.grid.incident;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import org.civicsafety.grid.category.Severity;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.OffsetDateTime;

/** Body of POST /api/v1/incidents. */
@Schema(name = "ReportRequest", description = "An incident report")
public record ReportRequest(
        @Schema(description = "The category (GET /api/v1/categories)") @NotBlank @Size(max = 64) @Pattern(regexp = NO_CONTROL, message = NO_CONTROL_MESSAGE) String categoryCode,
        @Schema(description = "The category's defaultSeverity when absent") Severity severity,
        @NotBlank @Size(max = 4000) String description,
        @Schema(description = "Latitude (WGS84)") @NotNull @DecimalMin("-90") @DecimalMax("90") Double lat,
        @Schema(description = "Longitude (WGS84)") @NotNull @DecimalMin("-180") @DecimalMax("180") Double lon,
        @Size(max = 500) String address,
        @Schema(description = "The grid; found from the point when absent") @Size(max = 64) @Pattern(regexp = NO_CONTROL, message = NO_CONTROL_MESSAGE) String areaCode,
        @Schema(description = "Who reports, within what the caller's role allows: a citizen reports as CITIZEN, a"
                + " partner as PARTNER, a grid worker as GRID_WORKER, SENSOR or HOTLINE") Source source,
        @Schema(description = "The person reporting (personal data: stored encrypted, masked for most readers)") @Valid Reporter reporter,
        @Schema(type = SchemaType.OBJECT, implementation = Object.class, additionalProperties = Schema.True.class, description = ATTRIBUTES, example = "{\"injured\": \"no\", \"people_count\": 2}") JsonNode attributes,
        @Schema(description = "When it happened, if known") OffsetDateTime occurredAt,
        @Schema(description = "A photo already online (Open311 media_url)") @Size(max = 1000) @Pattern(regexp = "https?://\\S+", message = "{grid.url}") String mediaUrl) {

    /**
     * Codes never contain control characters (and PostgreSQL refuses NUL in text); written without \p{Cntrl} so that
     * the API document's pattern is one JavaScript and other clients' regex engines read too.
     */
    static final String NO_CONTROL = "[^\\x00-\\x1F\\x7F]*";
    static final String NO_CONTROL_MESSAGE = "{grid.no-control}";

    /** The answers as the API document describes them, for requests and for answers. */
    static final String ATTRIBUTES = "The answers to the category's questions (GET /api/v1/categories/{code},"
            + " attributes), keyed by question code: a string for string, text and datetime (ISO 8601) questions, a"
            + " number for number, a value key for singlevaluelist and an array of value keys for multivaluelist."
            + " Required questions must be answered; unknown codes are a 400.";

    /** Personal data of the person reporting: stored encrypted, masked for most readers. */
    @Schema(name = "IncidentReporter")
    public record Reporter(@Size(max = 100) String name,
            @Schema(description = "Texts about the report's progress go here (unless the reporter opted out)") @Size(max = 32) @Pattern(regexp = "[+0-9 ()-]*", message = "{grid.phone}") String phone,
            @Schema(description = "E-mail about the report's progress goes here (unless the reporter opted out)") @Size(max = 254) @Pattern(regexp = EMAIL, message = "{grid.email}") String email) {}

    /** An e-mail address as Open311 forms and JSON reports take it. */
    public static final String EMAIL = "[^@\\s]+@[^@\\s]+\\.[^@\\s]+";
}
