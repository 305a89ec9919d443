package org.civicsafety.gateway.design;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The services build alone and share no library, so a piece of design that several of them need exists once per
 * service; this test keeps those copies word for word the same (but for their package and the service's own imports),
 * so that fixing one fixes all. The problem catalogue's copies are held by ProblemCatalogueTest.
 */
class SharedDesignCopiesTest {

    static Stream<Arguments> copies() {
        return Stream.of(
                // the producers' event contracts, served the same way
                copies("outbox/AsyncApiRoute", "cases", "grid", "assessment"),
                // a poisoned event's dead-letter record
                copies("common/DeadLetterHeaders", "cases", "grid", "assessment"),
                // the notice core of notices.md: the SSRF rule, retries and quiet hours
                copies("WebhookTargets", "cases/notice", "grid/webhook"),
                copies("Backoff", "cases/notice", "grid/notice"),
                copies("QuietHours", "cases/notice", "grid/notice"),
                // console.md's CSV export of every list (the gateway's CsvExport reads its pages without a database
                // transaction, so only the services' copies of that one are the same)
                copies("csv/CsvExport", "cases", "grid", "assessment"),
                copies("csv/CsvColumns", "cases", "grid", "assessment", "gateway"),
                copies("csv/CsvFormat", "cases", "grid", "assessment", "gateway"),
                copies("csv/CsvOpenApiFilter", "cases", "grid", "assessment", "gateway"),
                // the statistics by period
                copies("StatsGrouping", "cases/casefile", "grid/incident"),
                copies("StatsPeriods", "cases/casefile", "grid/incident"));
    }

    /** One class's copies: {@code path} under each service's package root, or its name in the packages given. */
    private static Arguments copies(String path, String... where) {
        List<Path> files = Stream.of(where).map(w -> {
            String service = w.contains("/") ? w.substring(0, w.indexOf('/')) : w;
            String file = w.contains("/") ? w.substring(w.indexOf('/') + 1) + "/" + path : path;
            return source(service, file);
        }).toList();
        return Arguments.of(path, files);
    }

    private static Path source(String service, String file) {
        String module = service.equals("gateway") ? "gateway" : service + "-service";
        return Path.of("..", module, "src/main/java/org/civicsafety", service, file + ".java");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("copies")
    void everyCopyIsTheSame(String name, List<Path> files) throws IOException {
        String first = withoutServiceNames(files.getFirst());
        for (Path other : files.subList(1, files.size())) {
            assertEquals(first, withoutServiceNames(other), other + " differs from " + files.getFirst());
        }
    }

    /** The text without what names its service: the package line and the service's own package in imports. */
    private static String withoutServiceNames(Path source) throws IOException {
        return Files.readString(source).replaceFirst("^package [\\w.]+;", "")
                .replaceAll("org\\.civicsafety\\.(cases|grid|assessment|gateway)\\.", "org.civicsafety.SERVICE.");
    }
}
