package org.civicsafety.gateway.openapi;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.smallrye.openapi.api.SmallRyeOpenAPI;
import org.eclipse.microprofile.config.ConfigProvider;
import org.jboss.jandex.Index;
import org.jboss.jandex.Indexer;
import org.civicsafety.gateway.routing.RouteTable;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * A step of the gateway's Maven build (after compile): the merged OpenAPI document as {@code /q/openapi} will serve
 * it, made from the documents the services' builds stored ({@code quarkus.smallrye-openapi.store-schema-directory})
 * and the gateway's own operations scanned from its classes, by the same {@link OpenApiMerger}. The staff console's
 * API client is generated from it, so a path or field the console uses that the contract lacks fails the build.
 *
 * <p>Arguments: the output file, the gateway's classes directory, the project's root directory.
 */
public final class BuildTimeDocument {

    /** The services in routing-table order, with the module folder each one's build stores its document in. */
    private static final List<String[]> SERVICES = List.of(
            new String[]{RouteTable.CASES, "cases-service"},
            new String[]{RouteTable.GRID, "grid-service"},
            new String[]{RouteTable.ASSESSMENT, "assessment-service"});

    private BuildTimeDocument() {}

    public static void main(String[] args) throws IOException {
        Path output = Path.of(args[0]);
        Path classes = Path.of(args[1]);
        Path root = Path.of(args[2]);
        ObjectMapper json = new ObjectMapper();
        List<OpenApiMerger.Source> sources = new ArrayList<>();
        for (String[] service : SERVICES) {
            Path stored = root.resolve(service[1]).resolve("target/openapi/openapi.json");
            if (!Files.isRegularFile(stored)) {
                // the reactor builds the services first; building the gateway alone needs their packages
                throw new IllegalStateException(stored + " is missing: build " + service[1]
                        + " first (./mvnw install builds the services before the gateway)");
            }
            sources.add(new OpenApiMerger.Source(service[0], (ObjectNode) json.readTree(stored.toFile())));
        }
        var config = ConfigProvider.getConfig();
        ObjectNode gateway = (ObjectNode) json.readTree(ownDocument(classes).toJSON());
        ObjectNode merged = OpenApiMerger.merge(gateway, sources,
                config.getValue("quarkus.smallrye-openapi.info-title", String.class),
                config.getValue("quarkus.smallrye-openapi.info-version", String.class));
        Files.createDirectories(output.getParent());
        json.writerWithDefaultPrettyPrinter().writeValue(output.toFile(), merged);
    }

    /** The gateway's own document as Quarkus generates it: its annotated resources plus META-INF/openapi.yaml. */
    private static SmallRyeOpenAPI ownDocument(Path classes) throws IOException {
        Indexer indexer = new Indexer();
        try (Stream<Path> files = Files.walk(classes)) {
            files.filter(f -> f.toString().endsWith(".class")).forEach(f -> {
                try (InputStream in = Files.newInputStream(f)) {
                    indexer.index(in);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
        Index index = indexer.complete();
        return SmallRyeOpenAPI.builder()
                .withConfig(ConfigProvider.getConfig())
                .withApplicationClassLoader(BuildTimeDocument.class.getClassLoader())
                .withIndex(index)
                .build();
    }
}
