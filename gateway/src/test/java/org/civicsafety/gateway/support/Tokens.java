package org.civicsafety.gateway.support;

import io.smallrye.jwt.build.Jwt;

import java.util.Set;

/** Tokens as the development identity provider issues them. */
public final class Tokens {

    private Tokens() {}

    public static String user(String sub, String... roles) {
        return Jwt.subject(sub).groups(Set.of(roles)).claim("area", "C01").expiresIn(600).jws().keyId("dev-idp").sign();
    }

    public static String bearer(String sub, String... roles) {
        return "Bearer " + user(sub, roles);
    }
}
