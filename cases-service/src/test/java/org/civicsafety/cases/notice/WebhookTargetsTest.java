package org.civicsafety.cases.notice;

import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The SSRF rules of units' webhooks (grid-service's, the same design), with a resolver of our own: what a name resolves to decides, unless the host is allow-listed. */
class WebhookTargetsTest {
    private static final Set<String> ALLOWED = Set.of("127.0.0.1", "localhost", "hooks.internal.example");
    private static final Map<String, String> DNS = Map.of("robot.example.com", "93.184.216.34",
            "rebinding.example.com", "10.1.2.3", "hooks.internal.example", "192.168.1.20", "v6.example.com",
            "2001:db8::1", "ula.example.com", "fd12:3456::1");

    private static Optional<String> check(String url) {
        return WebhookTargets.refusal(url, ALLOWED, host -> {
            String a = DNS.get(host);
            if (a == null && !host.matches("[0-9.:a-f]+")) {
                throw new UnknownHostException(host);
            }
            return new InetAddress[]{InetAddress.getByName(a == null ? host : a)};
        });
    }

    @Test
    void publicHttpsReceiversAreFine() {
        assertEquals(Optional.empty(), check("https://robot.example.com/hooks/civic"));
        assertEquals(Optional.empty(), check("https://v6.example.com/hooks"));
        assertEquals(Optional.empty(), check("https://93.184.216.34:8443/hooks"));
    }

    @Test
    void internalAddressesAreRefused() {
        Map<String, String> refused = Map.ofEntries(Map.entry("https://127.0.0.2/x", "loopback"),
                Map.entry("https://[::1]/x", "loopback"), Map.entry("https://10.0.0.1/x", "private"),
                Map.entry("https://172.16.5.4/x", "private"), Map.entry("https://192.168.0.1/x", "private"),
                Map.entry("https://ula.example.com/x", "private"), Map.entry("https://169.254.10.1/x", "link-local"),
                Map.entry("https://[fe80::1]/x", "link-local"), Map.entry("https://169.254.169.254/latest",
                        "cloud metadata"),
                Map.entry("https://[fd00:ec2::254]/x", "cloud metadata"),
                Map.entry("https://100.64.0.1/x", "CGNAT"), Map.entry("https://224.0.0.1/x", "multicast"),
                Map.entry("https://0.0.0.0/x", "unspecified"), Map.entry("https://[::ffff:10.0.0.1]/x", "private"),
                Map.entry("https://rebinding.example.com/x", "private"),
                Map.entry("https://metadata.google.internal/computeMetadata", "metadata"));
        refused.forEach((url, why) -> {
            Optional<String> r = check(url);
            assertTrue(r.isPresent() && r.get().contains(why), url + ": " + r);
        });
    }

    @Test
    void plainHttpOnlyToAllowListedHostsWhichMayBeInternal() {
        assertTrue(check("http://robot.example.com/hooks").orElse("").contains("https"));
        assertEquals(Optional.empty(), check("http://127.0.0.1:8099/hooks"));
        assertEquals(Optional.empty(), check("http://localhost:8099/hooks"));
        assertEquals(Optional.empty(), check("https://hooks.internal.example/x"));
    }

    @Test
    void otherSchemesCredentialsAndNonsenseAreRefused() {
        for (String url : new String[]{"ftp://robot.example.com/x", "file:///etc/passwd", "https:///nohost",
                "not a url", "https://user:pw@robot.example.com/x", "https://unknown.example.net/x"}) {
            assertTrue(check(url).isPresent(), url);
        }
    }
}
