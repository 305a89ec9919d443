package org.civicsafety.grid;

import io.smallrye.jwt.build.Jwt;
import io.smallrye.jwt.build.JwtClaimsBuilder;

import java.util.Set;

/** Development-IdP tokens for tests. */
public final class Tokens {
    private Tokens() {}

    public static String admin() {
        return token("admin-" + System.nanoTime(), "admin", null, null, null);
    }

    public static String token(String sub, String role, String area, String unit, String partner) {
        JwtClaimsBuilder b = Jwt.subject(sub).groups(Set.of(role));
        if (area != null) {
            b.claim("area", area);
        }
        if (unit != null) {
            b.claim("unit", unit);
        }
        if (partner != null) {
            b.claim("partner", partner);
        }
        return b.jws().keyId("dev-idp").sign();
    }
}
