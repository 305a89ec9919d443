package org.civicsafety.assessment.model;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The default model is written twice: in Java (the indicator table, ScoringModel.defaults) and as the body the
 * migrations seed it with (version 1 by V2 and V7; the version V11 adds and activates). The newest migration that
 * writes that body must equal the Java definitions (ModelApiTest checks the same through the database).
 */
class DefaultModelSeedTest {
    static final Path MIGRATIONS = Path.of("src/main/resources/db/migration");
    static final Pattern SEED = Pattern.compile(
            "(?:INSERT INTO scoring_model .*?(?:VALUES \\(1, |SELECT coalesce\\(max\\(version\\), 0\\) \\+ 1, )"
                    + "|UPDATE scoring_model SET body = )'(\\{.*?})'",
            Pattern.DOTALL);

    @Test
    void theNewestSeedOfTheDefaultModelEqualsTheJavaDefinitions() throws IOException {
        List<Path> files;
        try (Stream<Path> s = Files.list(MIGRATIONS)) {
            files = s.filter(f -> f.getFileName().toString().matches("V\\d+__.*\\.sql"))
                    .sorted(Comparator.comparingInt(DefaultModelSeedTest::version)).toList();
        }
        String seed = null, from = null;
        for (Path f : files) {
            Matcher m = SEED.matcher(Files.readString(f));
            while (m.find()) {
                seed = m.group(1);
                from = f.getFileName().toString();
            }
        }
        assertTrue(seed != null, "no migration seeds the default model");
        ScoringModel seeded = new ObjectMapper().readValue(seed, ScoringModel.class); // unknown fields fail too
        assertEquals(ScoringModel.defaults(0), seeded,
                from + " seeds a default model that differs from the Java definitions");
    }

    static int version(Path f) {
        String n = f.getFileName().toString();
        return Integer.parseInt(n.substring(1, n.indexOf("__")));
    }
}
