package org.civicsafety.grid.open311;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import com.fasterxml.jackson.dataformat.xml.annotation.JacksonXmlElementWrapper;
import com.fasterxml.jackson.dataformat.xml.annotation.JacksonXmlProperty;
import com.fasterxml.jackson.dataformat.xml.annotation.JacksonXmlRootElement;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.util.List;

/** GET services: the active incident categories as GeoReport services. */
@JacksonXmlRootElement(localName = "services")
record ServiceList(
        @JacksonXmlElementWrapper(useWrapping = false) @JacksonXmlProperty(localName = "service") List<Service> services)
        implements
            Open311Document {

    @Override
    public Object json() {
        return services;
    }

    /** {@code metadata} tells whether the service has attributes (a service definition worth fetching). */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @Schema(name = "Open311Service", description = "An incident category as a GeoReport service")
    record Service(String serviceCode, String serviceName, String description, boolean metadata, String type,
            String keywords, String group) {}
}
