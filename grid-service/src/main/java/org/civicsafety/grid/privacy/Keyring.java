package org.civicsafety.grid.privacy;

import javax.crypto.SecretKey;
import java.util.Map;

/**
 * The personal-data keys by id: {@code currentId} encrypts new data, every key decrypts, so a key can be
 * rotated while rows written under the previous one stay readable. Built by {@link KeySettings}.
 */
public record Keyring(String currentId, Map<String, SecretKey> keys) {
    public Keyring {
        keys = Map.copyOf(keys);
        if (!keys.containsKey(currentId)) {
            throw new IllegalArgumentException("the current key must be one of the keys");
        }
    }
}
