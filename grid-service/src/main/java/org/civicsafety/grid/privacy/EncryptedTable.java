package org.civicsafety.grid.privacy;

/**
 * A table with personal data sealed by {@link PersonalDataCipher}, implemented by the repository that owns it so
 * that {@link ReencryptionJob} can move its rows to the current key.
 */
public interface EncryptedTable {
    /** The table's name, the {@code table} tag of the job's gauge. */
    String table();

    /** Rows with a value not sealed under {@code currentHeader}. */
    long countOnOtherKeys(byte[] currentHeader);

    /**
     * Reseals the values of at most {@code limit} rows not on the cipher's current key, in the caller's transaction;
     * rows another instance holds are skipped ({@code FOR UPDATE SKIP LOCKED}). Returns how many rows it took.
     */
    int reencrypt(PersonalDataCipher cipher, int limit);

    /**
     * SQL condition "this base64 text column is not sealed under the header given as the next two parameters
     * (its length, then its bytes)"; the header is the start of the sealed bytes.
     */
    static String textOnOtherKey(String column) {
        return "substring(decode(" + column + ", 'base64') FROM 1 FOR ?) <> ?";
    }

    /** {@link #textOnOtherKey} for a bytea column. */
    static String bytesOnOtherKey(String column) {
        return "substring(" + column + " FROM 1 FOR ?) <> ?";
    }
}
