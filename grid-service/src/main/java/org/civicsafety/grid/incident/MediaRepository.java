package org.civicsafety.grid.incident;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.civicsafety.grid.common.Jdbc;
import org.civicsafety.grid.privacy.EncryptedTable;
import org.civicsafety.grid.privacy.PersonalDataCipher;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The stored files of incidents (table incident_media). A photo can show a face or an identity card, so the bytes
 * are stored encrypted ({@link PersonalDataCipher}); size and sha256 are of the plain file.
 */
@ApplicationScoped
public class MediaRepository implements EncryptedTable {
    private static final String ON_OTHER_KEY = EncryptedTable.bytesOnOtherKey("data");

    /** A stored file; {@code sha256} is of the stored bytes (after metadata removal) and serves as its ETag. */
    public record Blob(String contentType, byte[] data, String sha256) {
    }

    @Inject
    Jdbc jdbc;
    @Inject
    PersonalDataCipher cipher;

    public void insert(UUID id, UUID incident, Blob blob, String uploadedBy) {
        jdbc.update("INSERT INTO incident_media (id, incident_id, content_type, size_bytes, sha256, data, uploaded_by)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?)", id, incident, blob.contentType(), blob.data().length,
                blob.sha256(), cipher.seal(blob.data()), uploadedBy);
    }

    public Optional<Blob> find(UUID incident, UUID id) {
        return jdbc.one("SELECT content_type, data, sha256 FROM incident_media WHERE id = ? AND incident_id = ?",
                rs -> new Blob(rs.getString(1), cipher.open(rs.getBytes(2)), rs.getString(3)), id, incident);
    }

    @Override
    public String table() {
        return "incident_media";
    }

    @Override
    public long countOnOtherKeys(byte[] header) {
        return jdbc.one("SELECT count(*) FROM incident_media WHERE " + ON_OTHER_KEY, rs -> rs.getLong(1),
                header.length, header).orElseThrow();
    }

    /** Claims the batch by id, then reseals one file at a time: files are up to 10 MB each. */
    @Override
    public int reencrypt(PersonalDataCipher with, int limit) {
        byte[] header = with.currentHeader();
        List<UUID> ids = jdbc.query("SELECT id FROM incident_media WHERE " + ON_OTHER_KEY
                + " LIMIT ? FOR UPDATE SKIP LOCKED", rs -> rs.getObject(1, UUID.class), header.length, header, limit);
        for (UUID id : ids) {
            byte[] sealed = jdbc.one("SELECT data FROM incident_media WHERE id = ?", rs -> rs.getBytes(1), id)
                    .orElseThrow();
            jdbc.update("UPDATE incident_media SET data = ? WHERE id = ?", with.reseal(sealed), id);
        }
        return ids.size();
    }
}
