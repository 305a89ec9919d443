package org.civicsafety.gateway.support;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs the standard npm validator (@apidevtools/swagger-parser) on a document, installing it
 * once into target/openapi-validator. Node.js and npm are part of the build's toolchain.
 */
public final class OpenApiValidator {

    /** Exit code and output of one validation. */
    public record Result(int exitCode, String output) {}

    private static final Path HOME = Path.of("target", "openapi-validator");

    private OpenApiValidator() {}

    public static synchronized Result validate(Path document) throws IOException, InterruptedException {
        Files.createDirectories(HOME);
        for (String file : List.of("package.json", "validate.mjs")) {
            Files.copy(Path.of("src", "test", "openapi", file), HOME.resolve(file),
                    StandardCopyOption.REPLACE_EXISTING);
        }
        if (!Files.isDirectory(HOME.resolve("node_modules/@apidevtools/swagger-parser"))) {
            Result install = run(List.of("npm", "install", "--no-audit", "--no-fund", "--loglevel=error"), 300);
            if (install.exitCode() != 0) {
                throw new IllegalStateException("npm install of the OpenAPI validator failed:\n" + install.output());
            }
        }
        return run(List.of("node", "validate.mjs", document.toAbsolutePath().toString()), 120);
    }

    private static Result run(List<String> command, int timeoutSeconds) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).directory(HOME.toFile()).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            return new Result(-1, "timed out: " + output);
        }
        return new Result(process.exitValue(), output);
    }
}
