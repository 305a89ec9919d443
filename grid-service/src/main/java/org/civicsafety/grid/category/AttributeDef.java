package org.civicsafety.grid.category;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.util.List;
import java.util.Map;

/** An Open311-style extra question of a category. Texts are keyed by language ("zh", "en"). */
@Schema(name = "CategoryAttributeDefinition", description = "An extra question of a category (Open311's model), its"
        + " texts keyed by language (zh, en)")
public record AttributeDef(
        @Schema(required = true, description = "The answer's key in an incident's attributes") String code,
        @Schema(required = true, enumeration = {
                "string", "number", "datetime", "text", "singlevaluelist",
                "multivaluelist"}) String datatype,
        boolean required, @Schema(description = "The question, by language", example = "{\"zh\": \"是否有人受伤\","
                + " \"en\": \"Is anyone injured?\"}") Map<String, String> description,
        @Schema(description = "The choices of a singlevaluelist or multivaluelist") List<Value> values){

    @Schema(name = "CategoryAttributeDefinitionValue")
    public record Value(@Schema(required = true) String key,
            @Schema(description = "The choice's name, by language") Map<String, String> name) {}
}
