package org.civicsafety.gateway.web;

import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/** X-Request-Id: a caller's well-formed id is passed on, anything else is replaced by a fresh one. */
public final class RequestIds {

    private static final int MAX_LENGTH = 128;

    private RequestIds() {}

    public static String acceptOrGenerate(String incoming) {
        if (incoming != null && acceptable(incoming)) {
            return incoming;
        }
        return generate();
    }

    /**
     * A random (version 4) UUID. The id correlates logs and events, it guards nothing, so it is drawn
     * from the thread's own generator: {@link UUID#randomUUID()} reads the shared SecureRandom, a
     * lock and a system call per request.
     */
    static String generate() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        long most = (random.nextLong() & ~0xF000L) | 0x4000L;
        long least = (random.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
        return new UUID(most, least).toString();
    }

    /** 1 to 128 of {@code A-Z a-z 0-9 . _ : @ / + = -}. */
    static boolean acceptable(String id) {
        int length = id.length();
        if (length == 0 || length > MAX_LENGTH) {
            return false;
        }
        for (int i = 0; i < length; i++) {
            char c = id.charAt(i);
            boolean ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.'
                    || c == '_' || c == ':' || c == '@' || c == '/' || c == '+' || c == '=' || c == '-';
            if (!ok) {
                return false;
            }
        }
        return true;
    }
}
