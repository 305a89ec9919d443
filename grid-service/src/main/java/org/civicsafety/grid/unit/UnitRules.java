package org.civicsafety.grid.unit;

import org.civicsafety.grid.common.Codes;
import org.civicsafety.grid.common.FieldError;

import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/** What a unit's id and notice channels must look like (plain rules, tested without the service). */
public final class UnitRules {
    static final int MAX_ID = 100;
    static final int MAX_EMAIL = 254;
    static final int MAX_URL = 2000;
    /** One address, no display name: local part, '@', a dotted domain. */
    private static final Pattern EMAIL = Pattern.compile("[^@\\s<>\",;]+@[A-Za-z0-9-]+(\\.[A-Za-z0-9-]+)+");

    private UnitRules() {}

    /**
     * A unit id is a path segment and a key on Kafka: what areas' responsibleUnit and routing rules already accept
     * (up to 100 characters, no control characters), not blank and without '/'.
     */
    public static boolean validId(String id) {
        return id != null && !id.isBlank() && id.length() <= MAX_ID && Codes.storable(id) && id.indexOf('/') < 0
                && id.strip().equals(id);
    }

    /**
     * Every invalid channel, fields named under {@code prefix} ("" or "noticeChannels.").
     *
     * @param loopbackHttp whether plain http is accepted for a loopback host (development and tests)
     */
    public static List<FieldError> channels(NoticeChannels c, String prefix, boolean loopbackHttp) {
        List<FieldError> errors = new ArrayList<>();
        if (c == null) {
            return errors;
        }
        if (c.email() != null && (c.email().length() > MAX_EMAIL || !EMAIL.matcher(c.email()).matches())) {
            errors.add(FieldError.of(prefix + "email", "unit.email"));
        }
        if (c.webhookUrl() != null && !webhookUrl(c.webhookUrl(), loopbackHttp)) {
            errors.add(
                    FieldError.of(prefix + "webhookUrl", loopbackHttp ? "unit.webhook-url-dev" : "unit.webhook-url"));
        }
        return errors;
    }

    static boolean webhookUrl(String raw, boolean loopbackHttp) {
        if (raw.length() > MAX_URL || !Codes.storable(raw)) {
            return false;
        }
        URI uri;
        try {
            uri = new URI(raw);
        } catch (URISyntaxException e) {
            return false;
        }
        if (!uri.isAbsolute() || uri.getHost() == null || uri.getRawUserInfo() != null
                || uri.getRawFragment() != null) {
            return false;
        }
        String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
        return scheme.equals("https") || (scheme.equals("http") && loopbackHttp && loopback(uri.getHost()));
    }

    /** localhost or a literal loopback address (names other than localhost are not resolved here). */
    private static boolean loopback(String host) {
        String h = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        if (h.equalsIgnoreCase("localhost")) {
            return true;
        }
        if (!h.matches("[0-9.]+|[0-9A-Fa-f:]+")) {
            return false;
        }
        try {
            return InetAddress.getByName(h).isLoopbackAddress();
        } catch (java.net.UnknownHostException e) {
            return false;
        }
    }
}
