package org.civicsafety.gateway.support;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs the standard npm validators on a document — @apidevtools/swagger-parser and Redocly's linter —
 * installing them once into target/openapi-validator. Node.js and npm are part of the build's toolchain.
 */
public final class OpenApiValidator {

    /** Exit code and output of one validation. */
    public record Result(int exitCode, String output) {}

    private static final Path HOME = Path.of("target", "openapi-validator");

    private OpenApiValidator() {}

    public static Result validate(Path document) throws IOException, InterruptedException {
        install();
        return run(List.of("node", "validate.mjs", document.toAbsolutePath().toString()), 120);
    }

    /** {@code redocly lint} with its recommended rules; exit code 1 when it finds an error. */
    public static Result lint(Path document) throws IOException, InterruptedException {
        install();
        return run(List.of("node", "node_modules/@redocly/cli/bin/cli.js", "lint", "--extends=recommended",
                "--format=stylish", document.toAbsolutePath().toString()), 300);
    }

    private static synchronized void install() throws IOException, InterruptedException {
        Files.createDirectories(HOME);
        for (String file : List.of("package.json", "validate.mjs")) {
            Files.copy(Path.of("src", "test", "openapi", file), HOME.resolve(file),
                    StandardCopyOption.REPLACE_EXISTING);
        }
        if (!Files.isDirectory(HOME.resolve("node_modules/@apidevtools/swagger-parser"))
                || !Files.isDirectory(HOME.resolve("node_modules/@redocly/cli"))) {
            Result install = run(List.of("npm", "install", "--no-audit", "--no-fund", "--loglevel=error"), 600);
            if (install.exitCode() != 0) {
                throw new IllegalStateException("npm install of the OpenAPI validators failed:\n" + install.output());
            }
        }
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
