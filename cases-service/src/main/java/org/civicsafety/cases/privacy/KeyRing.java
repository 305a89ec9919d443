package org.civicsafety.cases.privacy;

import java.util.Map;

/** Named keys of one kind: the current one writes, every one of them reads. */
public record KeyRing(String currentId, Map<String, byte[]> keys) {

    public KeyRing {
        keys = Map.copyOf(keys);
        if (!keys.containsKey(currentId)) {
            throw new IllegalArgumentException("the current key id is not among the keys");
        }
    }

    public byte[] current() {
        return keys.get(currentId);
    }
}
