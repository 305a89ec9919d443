package org.civicsafety.grid.incident;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
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
public class MediaRepository implements PanacheRepositoryBase<IncidentMedia, UUID>, EncryptedTable {
    private static final String ON_OTHER_KEY = EncryptedTable.bytesOnOtherKey("data");

    /** A stored file; {@code sha256} is of the stored bytes (after metadata removal) and serves as its ETag. */
    public record Blob(String contentType, byte[] data, String sha256) {}

    @Inject PersonalDataCipher cipher;

    public void insert(UUID id, UUID incident, Blob blob, String uploadedBy) {
        persist(new IncidentMedia(id, incident, blob.contentType(), blob.data().length, blob.sha256(),
                cipher.seal(blob.data()), uploadedBy));
    }

    public Optional<Blob> find(UUID incident, UUID id) {
        return find("id = ?1 and incidentId = ?2", id, incident).firstResultOptional()
                .map(m -> new Blob(m.contentType, cipher.open(m.data), m.sha256));
    }

    /** The files of an incident without their bytes, oldest first. */
    public List<IncidentView.MediaView> list(UUID incident) {
        return getEntityManager().createQuery("SELECT new org.civicsafety.grid.incident.IncidentView$MediaView(m.id,"
                + " concat('/api/v1/incidents/', :path, '/media/', cast(m.id as String)), m.contentType, m.size,"
                + " m.createdAt) FROM IncidentMedia m WHERE m.incidentId = :incident ORDER BY m.createdAt, m.id",
                IncidentView.MediaView.class).setParameter("incident", incident)
                .setParameter("path", incident.toString()).getResultList();
    }

    @Override
    public String table() {
        return "incident_media";
    }

    @Override
    public long countOnOtherKeys(byte[] header) {
        // SQL: a byte comparison on the sealed column
        return ((Number) getEntityManager().createNativeQuery("SELECT count(*) FROM incident_media WHERE "
                + ON_OTHER_KEY).setParameter(1, header.length).setParameter(2, header).getSingleResult()).longValue();
    }

    /** Claims the batch by id, then reseals one file at a time: files are up to 10 MB each. */
    @Override
    @SuppressWarnings("unchecked")
    public int reencrypt(PersonalDataCipher with, int limit) {
        byte[] header = with.currentHeader();
        // SQL: FOR UPDATE SKIP LOCKED claim
        List<UUID> ids = getEntityManager().createNativeQuery("SELECT id FROM incident_media WHERE " + ON_OTHER_KEY
                + " LIMIT ? FOR UPDATE SKIP LOCKED", UUID.class).setParameter(1, header.length)
                .setParameter(2, header).setParameter(3, limit).getResultList();
        for (UUID id : ids) {
            IncidentMedia m = findById(id);
            m.data = with.reseal(m.data);
            // one file at a time in memory
            getEntityManager().flush();
            getEntityManager().detach(m);
        }
        return ids.size();
    }
}
