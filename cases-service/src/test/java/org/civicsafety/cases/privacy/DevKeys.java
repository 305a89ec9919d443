package org.civicsafety.cases.privacy;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

/** The development key settings as the repository's application.properties publishes them (%test profile). */
public final class DevKeys {

    private DevKeys() {}

    public static String property(String name) {
        Properties p = new Properties();
        // The source file (tests run in the module's folder): what the repository publishes.
        try (Reader in = Files.newBufferedReader(Path.of("src/main/resources/application.properties"))) {
            p.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String value = p.getProperty(name);
        if (value == null) {
            throw new AssertionError(name + " is not in application.properties");
        }
        return value;
    }

    public static String encryptionKeys() {
        return property("%test.cases.encryption.keys");
    }

    public static String pseudonymKeys() {
        return property("%test.cases.pseudonym.keys");
    }
}
