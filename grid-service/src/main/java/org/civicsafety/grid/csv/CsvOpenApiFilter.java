package org.civicsafety.grid.csv;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.media.MediaType;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.responses.APIResponse;

/**
 * The CSV export in the OpenAPI document: the 200 answer of every list operation marked
 * {@code @Extension(name = "x-csv-export", value = "true")} gets a second content, {@code text/csv}, with an example
 * made from the JSON example's first item (BOM, header row, one row), and its description says so. The CSV method itself is hidden: it is the same
 * operation. Registered with {@code mp.openapi.filter}.
 */
public class CsvOpenApiFilter implements OASFilter {
    public static final String EXTENSION = "x-csv-export";
    private static final String REF_PREFIX = "#/components/schemas/";
    private static final int MAX_DEPTH = 4;
    /** What each exportable list's description says of its export. */
    public static final String DESCRIPTION = "Accept: text/csv answers the same list as a CSV download (UTF-8 with BOM, "
            + "the same filters, limit and cursor ignored, at most "
            + String.format(java.util.Locale.ROOT, "%,d", CsvExport.MAX_ROWS)
            + " rows).";

    private final ObjectMapper mapper = new ObjectMapper();

    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        if (openAPI.getPaths() == null || openAPI.getPaths().getPathItems() == null) {
            return;
        }
        openAPI.getPaths().getPathItems().values().forEach(item -> {
            Operation get = item.getGET();
            if (get != null && get.getExtensions() != null && get.getExtensions().containsKey(EXTENSION)) {
                addCsv(openAPI, get);
            }
        });
    }

    private void addCsv(OpenAPI openAPI, Operation op) {
        if (op.getResponses() != null && op.getResponses().getExtensions() != null) {
            // the scanner may put the method's extension on its responses too, where client generators read a status
            op.getResponses().removeExtension(EXTENSION);
        }
        APIResponse ok = op.getResponses() == null ? null : op.getResponses().getAPIResponse("200");
        if (ok == null || ok.getContent() == null) {
            return;
        }
        MediaType json = ok.getContent().getMediaType(jakarta.ws.rs.core.MediaType.APPLICATION_JSON);
        if (json == null) {
            return;
        }
        Schema page = resolve(openAPI, json.getSchema());
        Schema items = page == null || page.getProperties() == null ? null : page.getProperties().get("items");
        List<List<String>> paths = new ArrayList<>();
        if (items != null) {
            columns(openAPI, resolve(openAPI, items.getItems()), List.of(), paths);
        }
        CsvColumns columns = CsvColumns.ofPaths(paths);
        StringBuilder example = new StringBuilder(CsvFormat.BOM).append(CsvFormat.row(columns.names()));
        JsonNode first = example(json).path("items").path(0);
        if (!first.isMissingNode()) {
            example.append(CsvFormat.row(columns.cells(first)));
        }
        op.setDescription(op.getDescription() == null ? DESCRIPTION : op.getDescription() + " " + DESCRIPTION);
        ok.getContent().addMediaType(CsvExport.TEXT_CSV, OASFactory.createMediaType()
                .schema(OASFactory.createSchema().addType(Schema.SchemaType.STRING))
                .example(example.toString()));
    }

    /** The columns as {@link CsvColumns#of} finds them in the Java type, here from the item's schema. */
    private void columns(OpenAPI openAPI, Schema schema, List<String> prefix, List<List<String>> out) {
        if (schema == null || schema.getProperties() == null) {
            return;
        }
        for (Map.Entry<String, Schema> p : schema.getProperties().entrySet()) {
            List<String> path = new ArrayList<>(prefix);
            path.add(p.getKey());
            Schema nested = resolve(openAPI, p.getValue());
            boolean object = nested != null && nested.getProperties() != null && !nested.getProperties().isEmpty();
            if (object && path.size() < MAX_DEPTH) {
                columns(openAPI, nested, path, out);
            } else {
                out.add(path);
            }
        }
    }

    /** A schema itself, or the one it refers to (directly or as the one reference of an allOf/anyOf/oneOf). */
    private static Schema resolve(OpenAPI openAPI, Schema schema) {
        if (schema == null) {
            return null;
        }
        if (schema.getRef() != null) {
            String name = schema.getRef().substring(REF_PREFIX.length());
            return openAPI.getComponents() == null || openAPI.getComponents().getSchemas() == null ? null
                    : openAPI.getComponents().getSchemas().get(name);
        }
        for (List<Schema> alternatives : java.util.Arrays.asList(schema.getAllOf(), schema.getAnyOf(),
                schema.getOneOf())) {
            if (alternatives != null) {
                List<Schema> refs = alternatives.stream().filter(s -> s.getRef() != null).toList();
                if (refs.size() == 1) {
                    return resolve(openAPI, refs.get(0));
                }
            }
        }
        return schema;
    }

    private JsonNode example(MediaType json) {
        Object example = json.getExample();
        if (example == null) {
            return MissingNode.getInstance();
        }
        try {
            return example instanceof String s ? mapper.readTree(s) : mapper.valueToTree(example);
        } catch (com.fasterxml.jackson.core.JsonProcessingException | IllegalArgumentException e) {
            return MissingNode.getInstance();
        }
    }
}
