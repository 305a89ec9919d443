package org.civicsafety.grid.incident;

import jakarta.persistence.Basic;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.hibernate.annotations.Generated;

import java.time.OffsetDateTime;
import java.util.UUID;

/** A stored file of an incident (table incident_media); {@code data} is sealed, size and sha256 are of the plain file. */
@Entity
@Table(name = "incident_media")
public class IncidentMedia {
    @Id UUID id;
    UUID incidentId;
    String contentType;
    @Column(name = "size_bytes") int size;
    String sha256;
    /** Up to 10 MB: read only when the file itself is asked for, not for the incident's media list. */
    @Basic(fetch = FetchType.LAZY) byte[] data;
    String uploadedBy;
    @Generated
    @Column(name = "created_at", insertable = false, updatable = false) OffsetDateTime createdAt;

    protected IncidentMedia() {}

    IncidentMedia(UUID id, UUID incidentId, String contentType, int size, String sha256, byte[] data,
            String uploadedBy) {
        this.id = id;
        this.incidentId = incidentId;
        this.contentType = contentType;
        this.size = size;
        this.sha256 = sha256;
        this.data = data;
        this.uploadedBy = uploadedBy;
    }
}
