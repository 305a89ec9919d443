package org.civicsafety.gateway.e2e;

import io.restassured.RestAssured;
import io.restassured.specification.RequestSpecification;
import org.awaitility.Awaitility;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import static io.restassured.RestAssured.given;

/**
 * The running platform as the end-to-end tests see it: the gateway's URL, tokens minted by the
 * platform script (exactly as a user would), and the script's controls for fault injection.
 * The test command starts the packaged services and passes both locations as system properties.
 */
final class Platform {
    static final String GATEWAY = System.getProperty("civic.gateway.url", "http://127.0.0.1:8080");
    private static final Path SCRIPT = Path.of(System.getProperty("civic.platform.script", "../deploy/platform"));

    private Platform() {}

    static RequestSpecification as(String token) {
        return given().baseUri(GATEWAY).auth().oauth2(token);
    }

    /** A caller without credentials (public reads). */
    static RequestSpecification anonymous() {
        return given().baseUri(GATEWAY);
    }

    static String suffix() {
        return Long.toString(System.currentTimeMillis(), 36) + ThreadLocalRandom.current().nextInt(100, 1000);
    }

    /** A token from `deploy/platform token`: the script prints the token alone on its last line. */
    static String token(String sub, String roles, String area) {
        return token(sub, roles, area, null);
    }

    static String token(String sub, String roles, String area, String unit) {
        List<String> args = new ArrayList<>(List.of("token", "--sub", sub, "--roles", roles));
        if (area != null) {
            args.addAll(List.of("--area", area));
        }
        if (unit != null) {
            args.addAll(List.of("--unit", unit));
        }
        List<String> lines = script(args.toArray(String[]::new)).lines().toList();
        return lines.get(lines.size() - 1).trim();
    }

    /** A partner system's token (role partner, bound to {@code partner}), as the gateway makes of an API key. */
    static String partnerToken(String sub, String partner) {
        List<String> lines = script("token", "--sub", sub, "--roles", "partner", "--partner", partner).lines().toList();
        return lines.get(lines.size() - 1).trim();
    }

    static String script(String... args) {
        List<String> command = new ArrayList<>();
        command.add(SCRIPT.toString());
        command.addAll(List.of(args));
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(120, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new IllegalStateException("deploy/platform " + String.join(" ", args) + " failed:\n" + output);
            }
            return output;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Polls until the condition holds; returns how long it took, or fails after the timeout. */
    static Duration await(String what, Duration timeout, BooleanSupplier condition) {
        long start = System.nanoTime();
        Awaitility.await(what).atMost(timeout).pollInterval(Duration.ofMillis(100)).until(condition::getAsBoolean);
        return Duration.ofNanos(System.nanoTime() - start);
    }

    static {
        RestAssured.enableLoggingOfRequestAndResponseIfValidationFails();
    }
}
