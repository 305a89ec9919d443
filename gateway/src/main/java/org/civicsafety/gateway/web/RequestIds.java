package org.civicsafety.gateway.web;

import java.util.UUID;
import java.util.regex.Pattern;

/** X-Request-Id: a caller's well-formed id is passed on, anything else is replaced by a fresh one. */
public final class RequestIds {

    private static final Pattern ACCEPTABLE = Pattern.compile("[A-Za-z0-9._:@/+=-]{1,128}");

    private RequestIds() {}

    public static String acceptOrGenerate(String incoming) {
        if (incoming != null && ACCEPTABLE.matcher(incoming).matches()) {
            return incoming;
        }
        return UUID.randomUUID().toString();
    }
}
