package org.civicsafety.grid.open311;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import com.fasterxml.jackson.databind.ser.std.ToStringSerializer;
import com.fasterxml.jackson.dataformat.xml.annotation.JacksonXmlElementWrapper;
import com.fasterxml.jackson.dataformat.xml.annotation.JacksonXmlProperty;
import com.fasterxml.jackson.dataformat.xml.annotation.JacksonXmlRootElement;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.OffsetDateTime;
import java.util.List;

/**
 * FixMyStreet's {@code <service_request_updates><request_update>…}. GET servicerequestupdates.json is the object
 * {@code {"service_request_updates": [...]}}, as FixMyStreet reads it.
 */
@Schema(name = "Open311RequestUpdates")
@JacksonXmlRootElement(localName = "service_request_updates")
record UpdateList(
        @JsonProperty("service_request_updates") @JacksonXmlElementWrapper(useWrapping = false) @JacksonXmlProperty(localName = "request_update") List<Update> updates)
        implements
            Open311Document {

    /** {@code status} is FixMyStreet's (OPEN, IN_PROGRESS, FIXED, …); FixMyStreet sends no media here. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @Schema(name = "Open311RequestUpdate")
    record Update(String updateId, String serviceRequestId, String status,
            @JsonSerialize(using = ToStringSerializer.class) OffsetDateTime updatedDatetime, String description,
            @Schema(nullable = true) String mediaUrl) {}

    /** The reply to POST servicerequestupdates: a bare list in JSON, unlike the GET. */
    @JacksonXmlRootElement(localName = "service_request_updates")
    record Posted(
            @JacksonXmlElementWrapper(useWrapping = false) @JacksonXmlProperty(localName = "request_update") List<UpdateId> updates)
            implements
                Open311Document {

        @Override
        public Object json() {
            return updates;
        }
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @Schema(name = "Open311UpdateId")
    record UpdateId(String updateId) {}
}
