package org.civicsafety.grid.open311;

import com.fasterxml.jackson.annotation.JsonInclude;
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
import java.util.UUID;

/**
 * GeoReport's {@code <service_requests><request>…} list: of requests (GET requests, requests/{id}), of the id of a
 * created one (POST requests) or of a token's request (GET tokens/{token}). Date-times are written as
 * {@link OffsetDateTime#toString()} (UTC, seconds and fraction as stored), as GeoReport clients have always read them.
 */
@JacksonXmlRootElement(localName = "service_requests")
record ServiceRequestList<T>(
        @JacksonXmlElementWrapper(useWrapping = false) @JacksonXmlProperty(localName = "request") List<T> requests)
        implements
            Open311Document {

    @Override
    public Object json() {
        return requests;
    }

    /**
     * One request, without personal data. {@code extendedAttributes} and {@code notes} only with
     * {@code extensions=true}; {@code zipcode} is always null (no postcodes are kept).
     */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @Schema(name = "Open311ServiceRequest", description = "A service request (an incident) without personal data")
    record ServiceRequest(String serviceRequestId, @Schema(enumeration = {"open", "closed"}) String status,
            @Schema(nullable = true) String statusNotes, @Schema(nullable = true) String serviceName,
            String serviceCode, String description, @Schema(nullable = true) String agencyResponsible,
            String serviceNotice, @JsonSerialize(using = ToStringSerializer.class) OffsetDateTime requestedDatetime,
            @JsonSerialize(using = ToStringSerializer.class) OffsetDateTime updatedDatetime,
            @Schema(nullable = true) @JsonSerialize(using = ToStringSerializer.class) OffsetDateTime expectedDatetime,
            @Schema(nullable = true) String address, String addressId, @Schema(nullable = true) String zipcode,
            double lat, @JsonProperty("long") double lon, @Schema(nullable = true) String mediaUrl,
            @JsonInclude(JsonInclude.Include.NON_NULL) Extended extendedAttributes,
            @JsonInclude(JsonInclude.Include.NON_NULL) @JacksonXmlElementWrapper(localName = "notes") @JacksonXmlProperty(localName = "note") List<Note> notes){}

    /** The platform's own fields of a request (extensions=true). */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @Schema(name = "Open311ExtendedAttributes")
    record Extended(String number, String state, String severity, String level, String areaCode, int reportCount,
            @Schema(nullable = true) UUID duplicateOf) {}

    /** An entry of the request's trail; {@code summary} is the action, {@code description} its note or the action. */
    @Schema(name = "Open311Note")
    record Note(@JsonSerialize(using = ToStringSerializer.class) OffsetDateTime datetime, String summary, String type,
            String description) {}

    /** The reply to POST requests; {@code serviceNotice} tells a duplicate of an open request. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @Schema(name = "Open311CreatedRequest")
    record Created(String serviceRequestId, String serviceNotice, @Schema(nullable = true) String accountId) {}

    /** The request a token (the incident's id) stands for. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @Schema(name = "Open311Token")
    record Token(String serviceRequestId, String token) {}
}
