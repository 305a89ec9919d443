package org.civicsafety.grid.open311;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import com.fasterxml.jackson.dataformat.xml.annotation.JacksonXmlElementWrapper;
import com.fasterxml.jackson.dataformat.xml.annotation.JacksonXmlProperty;
import com.fasterxml.jackson.dataformat.xml.annotation.JacksonXmlRootElement;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.util.List;

/** GET services/{code}: the extra questions (attributes) of a service. */
@Schema(name = "Open311ServiceDefinition")
@JacksonXmlRootElement(localName = "service_definition")
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
record ServiceDefinition(String serviceCode,
        @JacksonXmlElementWrapper(localName = "attributes") @JacksonXmlProperty(localName = "attribute") List<Attribute> attributes)
        implements
            Open311Document {

    /** {@code variable} is always true: every attribute is a question to the reporter. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @Schema(name = "Open311Attribute", description = "A question; a request answers it as attribute[code]")
    record Attribute(boolean variable, String code, String datatype, boolean required,
            @Schema(nullable = true) String datatypeDescription,
            int order, String description,
            @JacksonXmlElementWrapper(localName = "values") @JacksonXmlProperty(localName = "value") List<Value> values) {}

    @Schema(name = "Open311AttributeValue")
    record Value(String key, String name) {}
}
