package org.civicsafety.cases.common;

import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.inject.Singleton;
import org.hibernate.validator.spi.nodenameprovider.JavaBeanProperty;
import org.hibernate.validator.spi.nodenameprovider.Property;
import org.hibernate.validator.spi.nodenameprovider.PropertyNodeNameProvider;

/**
 * Names a body's invalid field as it is on the wire: a property renamed for JSON (e.g. a body field {@code case},
 * which no Java name can be) is reported by its JSON name in {@code errors[].field}.
 */
@Singleton
public class JsonPropertyNames implements PropertyNodeNameProvider {

    @Override
    public String getName(Property property) {
        if (property instanceof JavaBeanProperty p) {
            try {
                JsonProperty json = p.getDeclaringClass().getDeclaredField(p.getName())
                        .getAnnotation(JsonProperty.class);
                if (json != null && !json.value().isEmpty()) {
                    return json.value();
                }
            } catch (NoSuchFieldException e) {
                // a getter without a field: its own name
            }
        }
        return property.getName();
    }
}
