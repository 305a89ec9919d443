package org.civicsafety.grid.incident;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.civicsafety.grid.common.Jdbc;

import java.util.Optional;
import java.util.UUID;

/** The stored files of incidents (table incident_media). */
@ApplicationScoped
public class MediaRepository {
    /** A stored file; {@code sha256} is of the stored bytes (after metadata removal) and serves as its ETag. */
    public record Blob(String contentType, byte[] data, String sha256) {
    }

    @Inject
    Jdbc jdbc;

    public void insert(UUID id, UUID incident, Blob blob, String uploadedBy) {
        jdbc.update("INSERT INTO incident_media (id, incident_id, content_type, size_bytes, sha256, data, uploaded_by)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?)", id, incident, blob.contentType(), blob.data().length,
                blob.sha256(), blob.data(), uploadedBy);
    }

    public Optional<Blob> find(UUID incident, UUID id) {
        return jdbc.one("SELECT content_type, data, sha256 FROM incident_media WHERE id = ? AND incident_id = ?",
                rs -> new Blob(rs.getString(1), rs.getBytes(2), rs.getString(3)), id, incident);
    }
}
