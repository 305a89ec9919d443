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

import java.time.OffsetDateTime;

/** Body of POST /api/v1/incidents. */
public record ReportRequest(
        @NotBlank @Size(max = 64) @Pattern(regexp = NO_CONTROL, message = NO_CONTROL_MESSAGE) String categoryCode,
        Severity severity,
        @NotBlank @Size(max = 4000) String description,
        @NotNull @DecimalMin("-90") @DecimalMax("90") Double lat,
        @NotNull @DecimalMin("-180") @DecimalMax("180") Double lon,
        @Size(max = 500) String address,
        @Size(max = 64) @Pattern(regexp = NO_CONTROL, message = NO_CONTROL_MESSAGE) String areaCode,
        Source source,
        @Valid Reporter reporter,
        JsonNode attributes,
        OffsetDateTime occurredAt,
        @Size(max = 1000) @Pattern(regexp = "https?://\\S+", message = "{grid.url}") String mediaUrl) {

    /** Codes never contain control characters (and PostgreSQL refuses NUL in text). */
    static final String NO_CONTROL = "[^\\p{Cntrl}]*";
    static final String NO_CONTROL_MESSAGE = "{grid.no-control}";

    /** Personal data of the person reporting: stored encrypted, masked for most readers. */
    public record Reporter(@Size(max = 100) String name,
            @Size(max = 32) @Pattern(regexp = "[+0-9 ()-]*", message = "{grid.phone}") String phone) {}
}
