package org.civicsafety.gateway.console;

import io.quarkus.runtime.LaunchMode;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.runtime.configuration.ConfigUtils;
import io.smallrye.jwt.build.Jwt;
import io.smallrye.jwt.build.JwtClaimsBuilder;
import io.smallrye.jwt.util.KeyUtils;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.civicsafety.gateway.config.GatewayConfig;
import org.civicsafety.gateway.web.GatewayPaths;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The local platform's development sign-in (console.md "Login"): a demo user (role, area, unit) picked in the console
 * gets a token signed with the development identity provider's key, as {@code deploy/platform token} mints it, which
 * the local platform's gateway and services accept. It exists in the dev and test profiles and on the local platform
 * (profile {@value #LOCAL_PROFILE}); a gateway started in the production profile with it enabled refuses to start.
 */
@ApplicationScoped
public class DevSignIn {

    private static final Logger LOG = Logger.getLogger(DevSignIn.class);

    public static final String PATH = GatewayPaths.CONSOLE + "/dev-sign-in";
    /** The profile deploy/platform runs the gateway in, beside prod (QUARKUS_PROFILE=prod,local). */
    static final String LOCAL_PROFILE = "local";
    static final String KEY_ID = "dev-idp";
    static final String SETTING = "civic.gateway.console.dev-sign-in.enabled (CIVIC_GATEWAY_CONSOLE_DEV_SIGN_IN_ENABLED)";

    /** The staff roles a demo user may take (the console is not for citizens or partner systems). */
    static final Set<String> ROLES = Set.of("grid_worker", "handler", "petition_officer", "mediator", "supervisor",
            "analyst", "admin");
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");

    /** A demo user as the sign-in form sends it. */
    record DemoUser(String sub, List<String> roles, String area, String unit) {

        static DemoUser parse(Buffer body) {
            JsonObject json;
            try {
                json = body == null || body.length() == 0 ? null : new JsonObject(body);
            } catch (DecodeException | ClassCastException e) {
                json = null;
            }
            if (json == null) {
                throw new InvalidUser("The body must be a JSON object: {\"sub\", \"roles\", \"area\", \"unit\"}.");
            }
            String sub = text(json, "sub");
            if (sub == null || !ID.matcher(sub).matches()) {
                throw new InvalidUser("sub must be 1 to 64 letters, digits, '.', '_' or '-'.");
            }
            Object rawRoles = json.getValue("roles");
            if (!(rawRoles instanceof JsonArray array) || array.isEmpty()) {
                throw new InvalidUser("roles must be a non-empty list of " + ROLES + ".");
            }
            Set<String> roles = new LinkedHashSet<>();
            for (Object role : array) {
                if (!(role instanceof String r) || !ROLES.contains(r)) {
                    throw new InvalidUser("roles must be a non-empty list of " + ROLES + ".");
                }
                roles.add(r);
            }
            String area = text(json, "area");
            String unit = text(json, "unit");
            if ((area != null && !ID.matcher(area).matches()) || (unit != null && !ID.matcher(unit).matches())) {
                throw new InvalidUser("area and unit are codes of at most 64 letters, digits, '.', '_' or '-'.");
            }
            return new DemoUser(sub, List.copyOf(roles), area, unit);
        }

        private static String text(JsonObject json, String field) {
            Object value = json.getValue(field);
            if (value != null && !(value instanceof String)) {
                throw new InvalidUser(field + " must be a string.");
            }
            String s = (String) value;
            return s == null || s.isBlank() ? null : s.trim();
        }
    }

    static final class InvalidUser extends RuntimeException {
        InvalidUser(String message) {
            super(message, null, false, false);
        }
    }

    @Inject GatewayConfig config;

    private volatile PrivateKey key;

    /** Refuses to start a production gateway that would hand out development tokens. */
    void check(@Observes StartupEvent event) {
        if (!config.console().devSignIn().enabled()) {
            return;
        }
        if (!allowedHere()) {
            String refusal = "gateway refuses to start: " + SETTING + " is true in the production profile: the"
                    + " development sign-in hands out tokens signed with the development key published in the"
                    + " repository. It is for the local platform only (profile '" + LOCAL_PROFILE
                    + "'); set it to false.";
            LOG.error(refusal);
            throw new IllegalStateException(refusal);
        }
        key = readKey();
    }

    public boolean enabled() {
        return key != null;
    }

    JsonObject signIn(DemoUser user) {
        Instant now = Instant.now();
        Instant expires = now.plus(config.console().devSignIn().ttl());
        // the issuer is the builder's default, as for the gateway's internal tokens (the verifiers check the key)
        JwtClaimsBuilder claims = Jwt.subject(user.sub()).upn(user.sub())
                .groups(new LinkedHashSet<>(user.roles())).issuedAt(now).expiresAt(expires);
        if (user.area() != null) {
            claims.claim("area", user.area());
        }
        if (user.unit() != null) {
            claims.claim("unit", user.unit());
        }
        return new JsonObject().put("token", claims.jws().keyId(KEY_ID).sign(key))
                .put("expiresAt", expires.toString());
    }

    /** Dev, test (also the packaged gateway the workload test drives) or the local platform; never production alone. */
    private static boolean allowedHere() {
        return LaunchMode.current().isDevOrTest() || ConfigUtils.isProfileActive("test")
                || ConfigUtils.isProfileActive(LOCAL_PROFILE);
    }

    private PrivateKey readKey() {
        String file = config.console().devSignIn().signingKey().orElseThrow(() -> new IllegalStateException(
                "civic.gateway.console.dev-sign-in.signing-key (CIVIC_GATEWAY_CONSOLE_DEV_SIGN_IN_SIGNING_KEY) is"
                        + " not set: the development sign-in needs the development identity key"
                        + " (deploy/dev-keys/idp-private.pem)."));
        try {
            return KeyUtils.decodePrivateKey(Files.readString(Path.of(file)));
        } catch (IOException e) {
            throw new IllegalStateException("cannot read the development identity key " + file, e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the development identity key " + file + " is not an RSA private key", e);
        }
    }
}
