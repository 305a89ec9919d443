package org.civicsafety.cases.privacy;

import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * A table holding personal data under the configured keys (ciphertext, or a pseudonym made with a key).
 * The class that owns the table implements it, so its SQL stays there; {@link ReencryptionJob} drives it.
 *
 * @param <K> the table's primary key, walked in order so that a row that cannot be moved never stalls the rest
 */
public interface EncryptedTable<K> {

    /** The table's name, the {@code table} tag of the gauge. */
    String name();

    /** A key that sorts before every row's. */
    K start();

    /**
     * In its own transaction: locks up to {@code limit} rows after {@code after} that are still on an old
     * key, skipping rows that others hold ({@code FOR UPDATE SKIP LOCKED}, so instances share the work and
     * requests are not blocked), and rewrites them under the current keys.
     */
    Batch<K> reencrypt(K after, int limit);

    /** Rows still on an old key (including any that cannot be read). */
    long rowsOnOldKeys();

    /**
     * {@code last}: the key of the last row looked at (null when there was none); {@code full}: the batch
     * was as large as allowed, so more rows may follow.
     */
    record Batch<K>(K last, boolean full, int moved, int unreadable) {}

    /**
     * Rewrites each of the locked {@code rows} (at most {@code limit}) under the current keys. A row that cannot be
     * read stays as it is and is counted, so that it never stops the walk.
     */
    static <R, K> Batch<K> rewriteEach(List<R> rows, int limit, Function<R, K> key, Consumer<R> rewrite) {
        int moved = 0;
        for (R row : rows) {
            try {
                rewrite.accept(row);
                moved++;
            } catch (PersonalDataCipher.UnreadableException e) {
                // Counted by the job; the row stays as it is.
            }
        }
        return new Batch<>(rows.isEmpty() ? null : key.apply(rows.get(rows.size() - 1)), rows.size() == limit, moved,
                rows.size() - moved);
    }

    /**
     * SQL that is true when the ciphertext in {@code column} does not start with the current header, bound
     * to positional parameter {@code param} ({@link PersonalDataCipher#currentHeader()}). Only the first
     * bytes are compared, so a large value is not read whole.
     */
    static String onOldKey(String column, int param) {
        return "substring(%1$s from 1 for octet_length(?%2$d)) <> ?%2$d".formatted(column, param);
    }

    /** {@link #onOldKey} for ciphertext kept as base64 text (the notice tables of the shared notice design). */
    static String onOldKeyBase64(String column, int param) {
        return onOldKey("decode(%s, 'base64')".formatted(column), param);
    }
}
