package org.civicsafety.assessment.support;

import io.smallrye.jwt.build.Jwt;

import java.util.Set;

public final class Tokens {
    private Tokens() {}

    public static String token(String role, String area) {
        var b = Jwt.subject("u-" + role + "-" + area).groups(Set.of(role));
        if (area != null)
            b.claim("area", area);
        return b.jws().keyId("dev-idp").sign();
    }

    public static String admin() {
        return token("admin", null);
    }
}
