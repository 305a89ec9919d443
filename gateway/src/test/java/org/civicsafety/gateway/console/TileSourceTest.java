package org.civicsafety.gateway.console;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The Content-Security-Policy source a map tile URL template comes to. */
class TileSourceTest {

    @Test
    void isTheTemplatesSchemeAndHostWithTheSubdomainPlaceholderAsAWildcard() {
        assertEquals("https://tiles.county.example",
                ConsoleRoutes.tileSource("https://tiles.county.example/{z}/{x}/{y}.png"));
        assertEquals("https://*.tile.example.org",
                ConsoleRoutes.tileSource("https://{s}.tile.example.org/{z}/{x}/{y}.png"));
        assertEquals("http://127.0.0.1:8090",
                ConsoleRoutes.tileSource("http://127.0.0.1:8090/tiles/{z}/{x}/{y}.png?key=1"));
    }

    @Test
    void refusesWhatIsNoHttpUrl() {
        assertThrows(IllegalArgumentException.class, () -> ConsoleRoutes.tileSource("tiles/{z}/{x}/{y}.png"));
        assertThrows(IllegalArgumentException.class, () -> ConsoleRoutes.tileSource("javascript:alert(1)"));
        // nothing that would end the img-src source and start another directive
        assertThrows(IllegalArgumentException.class,
                () -> ConsoleRoutes.tileSource("https://tiles.example;script-src *;/{z}/{x}/{y}.png"));
    }
}
