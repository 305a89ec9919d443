package org.civicsafety.cases.mediation;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;
import java.util.UUID;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** A mediator of the directory (调解员): staff, so their name is not personal data of the people served. */
@Entity
@Table(name = "mediator")
public class MediatorEntity {
    @Id public UUID id;
    public String name;
    /** The mediation committee (调委会) or office the mediator works for. */
    public String committee;
    public String areaCode;
    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(name = "area_path") public String[] areaPath;
    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(name = "specialties") public String[] specialties;
    public boolean active;
    /** The unit of the unit directory told about the mediator's mediations (overdue); null: the area's supervisors. */
    public String unitId;
    /** The sub of the mediator's account: its holder acts as this mediator. */
    public String userId;
    public long version;
    public OffsetDateTime createdAt;
    public OffsetDateTime updatedAt;
}
