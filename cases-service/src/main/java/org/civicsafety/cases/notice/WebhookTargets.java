package org.civicsafety.cases.notice;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Where webhook deliveries may go (SSRF, notices.md): https to hosts whose every address is public; a host that
 * resolves to a loopback, private (RFC 1918, fc00::/7), link-local, CGNAT, multicast, unspecified or cloud-metadata
 * address is refused unless it is on the admin allow-list, and plain http goes only to allow-listed hosts. Checked
 * when a subscription is made and again before every delivery, as a name can resolve elsewhere later (DNS
 * rebinding).
 */
public final class WebhookTargets {
    /** Names of cloud metadata services, refused whatever they resolve to. */
    static final Set<String> METADATA_HOSTS = Set.of("metadata.google.internal", "metadata", "instance-data");

    /** Resolves a host name to its addresses (the JVM's resolver; tests give their own). */
    @FunctionalInterface
    public interface Resolver {
        InetAddress[] resolve(String host) throws UnknownHostException;
    }

    public static final Resolver DNS = InetAddress::getAllByName;

    private WebhookTargets() {}

    /** Why {@code url} may not receive deliveries, or empty when it may. */
    public static Optional<String> refusal(String url, Set<String> allowedHosts, Resolver resolver) {
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            return Optional.of("is not a URL");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        String host = uri.getHost();
        if (!scheme.equals("https") && !scheme.equals("http") || host == null || host.isBlank()) {
            return Optional.of("must be an https URL with a host");
        }
        if (uri.getRawUserInfo() != null) {
            return Optional.of("must not carry credentials");
        }
        host = host.toLowerCase(Locale.ROOT);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        boolean allowed = allowedHosts.contains(host);
        if (scheme.equals("http") && !allowed) {
            return Optional.of("must be https (plain http only to allow-listed hosts)");
        }
        if (allowed) {
            return Optional.empty();
        }
        if (METADATA_HOSTS.contains(host.endsWith(".") ? host.substring(0, host.length() - 1) : host)) {
            return Optional.of("names a cloud metadata service");
        }
        InetAddress[] addresses;
        try {
            addresses = resolver.resolve(host);
        } catch (UnknownHostException e) {
            return Optional.of("does not resolve");
        }
        for (InetAddress a : addresses) {
            Optional<String> kind = forbidden(a);
            if (kind.isPresent()) {
                return Optional.of("resolves to a " + kind.get() + " address");
            }
        }
        return Optional.empty();
    }

    /** The kind of address no delivery may reach, or empty for a public one. */
    static Optional<String> forbidden(InetAddress a) {
        byte[] b = a.getAddress();
        if (a instanceof Inet6Address && isMappedIpv4(b)) {
            try {
                return forbidden(InetAddress.getByAddress(java.util.Arrays.copyOfRange(b, 12, 16)));
            } catch (UnknownHostException e) {
                throw new IllegalStateException(e);
            }
        }
        if (a.isLoopbackAddress()) {
            return Optional.of("loopback");
        }
        if (a.isAnyLocalAddress() || a instanceof Inet4Address && (b[0] & 0xFF) == 0) {
            return Optional.of("unspecified");
        }
        if (a instanceof Inet4Address && (b[0] & 0xFF) == 169 && (b[1] & 0xFF) == 254 && (b[2] & 0xFF) == 169
                && (b[3] & 0xFF) == 254 || a instanceof Inet6Address && isEc2Metadata(b)) {
            return Optional.of("cloud metadata");
        }
        if (a.isLinkLocalAddress()) {
            return Optional.of("link-local");
        }
        if (a.isSiteLocalAddress() || a instanceof Inet6Address && (b[0] & 0xFE) == 0xFC) {
            return Optional.of("private");
        }
        if (a instanceof Inet4Address && (b[0] & 0xFF) == 100 && (b[1] & 0xC0) == 64) {
            return Optional.of("shared (CGNAT)");
        }
        if (a.isMulticastAddress()) {
            return Optional.of("multicast");
        }
        return Optional.empty();
    }

    private static boolean isMappedIpv4(byte[] b) {
        for (int i = 0; i < 10; i++) {
            if (b[i] != 0) {
                return false;
            }
        }
        return (b[10] & 0xFF) == 0xFF && (b[11] & 0xFF) == 0xFF;
    }

    /** fd00:ec2::254, the IPv6 address of AWS's instance metadata service. */
    private static boolean isEc2Metadata(byte[] b) {
        byte[] ec2 = {(byte) 0xfd, 0, 0x0e, (byte) 0xc2, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x02, 0x54};
        return java.util.Arrays.equals(b, ec2);
    }
}
