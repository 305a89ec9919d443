package org.civicsafety.gateway.problem;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The problem catalogue is exactly the platform's, every type has a title in zh-CN and en, and every
 * service carries the gateway's catalogue unchanged (so these checks hold for all of them).
 */
class ProblemCatalogueTest {

    /** conventions.md's catalogue, plus 405 and 406 for those HTTP situations. */
    private static final Map<String, Integer> CATALOGUE = Map.ofEntries(
            Map.entry("validation", 400), Map.entry("malformed-request", 400), Map.entry("unauthorized", 401),
            Map.entry("forbidden", 403), Map.entry("not-found", 404), Map.entry("method-not-allowed", 405),
            Map.entry("not-acceptable", 406), Map.entry("illegal-transition", 409), Map.entry("conflict", 409),
            Map.entry("precondition-failed", 412), Map.entry("payload-too-large", 413),
            Map.entry("unsupported-media-type", 415), Map.entry("idempotency-key-reused", 422),
            Map.entry("rate-limited", 429), Map.entry("internal", 500), Map.entry("unavailable", 503));

    @Test
    void catalogueIsThePlatformsAndNothingElse() {
        assertEquals(CATALOGUE, Arrays.stream(ProblemType.values())
                .collect(Collectors.toMap(ProblemType::slug, ProblemType::status)));
        for (ProblemType t : ProblemType.values()) {
            assertEquals("https://civicsafety.org/problems/" + t.slug(), t.uri());
        }
    }

    /** The services build alone, so each has its own copy; only this test keeps them from drifting apart. */
    @Test
    void everyServiceCarriesTheSameCatalogue() throws IOException {
        Path gateway = Path.of("src/main");
        for (String service : List.of("cases", "grid", "assessment")) {
            Path main = Path.of("..", service + "-service", "src/main");
            assertEquals(withoutPackage(gateway.resolve("java/org/civicsafety/gateway/problem/ProblemType.java")),
                    withoutPackage(main.resolve("java/org/civicsafety/" + service + "/common/ProblemType.java")),
                    service);
            for (String bundle : List.of("problems.properties", "problems_zh_CN.properties")) {
                assertEquals(Files.readString(gateway.resolve("resources/messages/" + bundle)),
                        Files.readString(main.resolve("resources/messages/" + bundle)), service + " " + bundle);
            }
        }
    }

    private static String withoutPackage(Path source) throws IOException {
        return Files.readString(source).replaceFirst("^package [\\w.]+;", "");
    }

    @Test
    void everyTypeHasATitleInBothLanguagesAndNoBundleHasStrayKeys() throws IOException {
        for (String file : List.of("messages/problems.properties", "messages/problems_zh_CN.properties")) {
            assertEquals(CATALOGUE.keySet(), bundle(file).stringPropertyNames(), file);
        }
        for (ProblemType t : ProblemType.values()) {
            String en = t.title(Locale.ENGLISH);
            String zh = t.title(ProblemType.ZH_CN);
            assertFalse(en.isBlank(), t.slug());
            assertNotEquals(en, zh, t.slug());
            assertTrue(zh.codePoints().anyMatch(c -> Character.UnicodeScript.of(c) == Character.UnicodeScript.HAN),
                    "zh-CN title of " + t.slug() + " is Chinese: " + zh);
        }
    }

    @Test
    void titleLanguageFollowsAcceptLanguageWithZhCnAsDefault() {
        Locale en = Locale.ENGLISH;
        Locale zh = ProblemType.ZH_CN;
        assertEquals(zh, ProblemType.locale(null));
        assertEquals(zh, ProblemType.locale(""));
        assertEquals(zh, ProblemType.locale("zh-CN"));
        assertEquals(zh, ProblemType.locale("de"));
        assertEquals(zh, ProblemType.locale("*"));
        assertEquals(zh, ProblemType.locale("not a ;;; header"));
        assertEquals(zh, ProblemType.locale("en;q=0.2, zh;q=0.9"));
        assertEquals(zh, ProblemType.locale("en;q=0, fr"));
        assertEquals(en, ProblemType.locale("en"));
        assertEquals(en, ProblemType.locale("en-US,en;q=0.9"));
        assertEquals(en, ProblemType.locale("fr, en;q=0.5, zh;q=0.4"));
        assertEquals("Validation failed", ProblemType.VALIDATION.title("en"));
        assertEquals("请求校验失败", ProblemType.VALIDATION.title((String) null));
    }

    @Test
    void bareHttpStatusesLandInTheCatalogueWithAMatchingStatus() {
        EnumSet<ProblemType> raisedByCodeOnly = EnumSet.of(ProblemType.VALIDATION, ProblemType.ILLEGAL_TRANSITION,
                ProblemType.IDEMPOTENCY_KEY_REUSED);
        for (ProblemType t : EnumSet.complementOf(raisedByCodeOnly)) {
            assertEquals(t, ProblemType.forStatus(t.status()));
        }
        assertEquals(ProblemType.MALFORMED_REQUEST, ProblemType.forStatus(410));
        assertEquals(ProblemType.INTERNAL, ProblemType.forStatus(502));
    }

    /** A message bundle of this service as a properties file (UTF-8); the field-message test reads its own with it. */
    static Properties bundle(String file) throws IOException {
        try (InputStream in = ProblemCatalogueTest.class.getClassLoader().getResourceAsStream(file)) {
            assertNotNull(in, file);
            Properties messages = new Properties();
            messages.load(new InputStreamReader(in, StandardCharsets.UTF_8));
            return messages;
        }
    }
}
