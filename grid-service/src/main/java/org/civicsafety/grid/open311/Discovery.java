package org.civicsafety.grid.open311;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import com.fasterxml.jackson.dataformat.xml.annotation.JacksonXmlElementWrapper;
import com.fasterxml.jackson.dataformat.xml.annotation.JacksonXmlProperty;
import com.fasterxml.jackson.dataformat.xml.annotation.JacksonXmlRootElement;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.util.List;

/** GET discovery: where this GeoReport v2 endpoint is and what it speaks. */
@Schema(name = "Open311Discovery")
@JacksonXmlRootElement(localName = "discovery")
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
record Discovery(String changeset, String contact, String keyService,
        @JacksonXmlElementWrapper(localName = "endpoints") @JacksonXmlProperty(localName = "endpoint") List<Endpoint> endpoints)
        implements
            Open311Document {

    @Schema(name = "Open311Endpoint")
    record Endpoint(String specification, String url, String changeset, String type,
            @JacksonXmlElementWrapper(localName = "formats") @JacksonXmlProperty(localName = "format") List<String> formats) {}
}
