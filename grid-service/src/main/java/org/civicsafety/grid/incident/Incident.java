package org.civicsafety.grid.incident;

import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.civicsafety.grid.area.AreaLevel;
import org.civicsafety.grid.category.Severity;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.Point;
import org.locationtech.jts.geom.PrecisionModel;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/**
 * A stored incident report (table incident). {@code reporterEnc} is the encrypted personal data of the reporter.
 * Workflow fields change only through {@link IncidentWorkflow}; {@code version} counts those changes (a report
 * dispatched at once is stored at version 2) and is checked against If-Match on a row locked FOR UPDATE.
 */
@Entity
@Table(name = "incident")
public class Incident implements IncidentData {
    private static final GeometryFactory WGS84 = new GeometryFactory(new PrecisionModel(), 4326);

    @Id UUID id;
    String number;
    String categoryCode;
    @Enumerated(EnumType.STRING) Severity severity;
    String description;
    Point location;
    String address;
    String areaCode;
    @JdbcTypeCode(SqlTypes.ARRAY) List<String> path;
    @Enumerated(EnumType.STRING) Source source;
    String reporterSub;
    String reporterEnc;
    String partnerId;
    @JdbcTypeCode(SqlTypes.JSON) String attributes;
    @Enumerated(EnumType.STRING) IncidentState state;
    @Enumerated(EnumType.STRING) AreaLevel level;
    String assignedUnit;
    OffsetDateTime dueAt;
    boolean overdue;
    int escalationCount;
    int reportCount = 1;
    UUID duplicateOf;
    OffsetDateTime occurredAt;
    OffsetDateTime reportedAt;
    OffsetDateTime updatedAt;
    OffsetDateTime resolvedAt;
    Boolean resolvedOnTime;
    /** When it was first dispatched (the 12345 response rate: within an hour of the report). */
    OffsetDateTime dispatchedAt;
    /** The reporter's rating of a resolution and when it was given; a rating before resolvedAt is of an earlier one. */
    @Enumerated(EnumType.STRING) Satisfaction satisfaction;
    OffsetDateTime ratedAt;
    long version = 1;
    String mediaUrl;

    protected Incident() {}

    /** A new report, as reported (state REPORTED at its starting level) before dispatch or duplicate linking. */
    Incident(UUID id, String number, String categoryCode, Severity severity, String description, double lat,
            double lon, String address, String areaCode, List<String> path, Source source, String reporterSub,
            String reporterEnc, String partnerId, String attributes, AreaLevel level, OffsetDateTime occurredAt,
            OffsetDateTime now, String mediaUrl) {
        this.id = id;
        this.number = number;
        this.categoryCode = categoryCode;
        this.severity = severity;
        this.description = description;
        this.location = WGS84.createPoint(new Coordinate(lon, lat));
        this.address = address;
        this.areaCode = areaCode;
        this.path = List.copyOf(path);
        this.source = source;
        this.reporterSub = reporterSub;
        this.reporterEnc = reporterEnc;
        this.partnerId = partnerId;
        this.attributes = attributes;
        this.state = IncidentState.REPORTED;
        this.level = level;
        this.occurredAt = occurredAt;
        this.reportedAt = now;
        this.updatedAt = now;
        this.mediaUrl = mediaUrl;
    }

    /** Makes this new report a duplicate of the open {@code original}, which counts one report more. */
    void linkAsDuplicateOf(Incident original, OffsetDateTime now) {
        state = IncidentState.DUPLICATE;
        level = original.level;
        duplicateOf = original.id;
        original.reportCount++;
        original.touch(now);
    }

    /** Records a change of the incident: one version more. */
    void touch(OffsetDateTime now) {
        updatedAt = now;
        version++;
    }

    public UUID id() {
        return id;
    }

    public String number() {
        return number;
    }

    public String categoryCode() {
        return categoryCode;
    }

    public Severity severity() {
        return severity;
    }

    public String description() {
        return description;
    }

    public double lat() {
        return location.getY();
    }

    public double lon() {
        return location.getX();
    }

    public String address() {
        return address;
    }

    public String areaCode() {
        return areaCode;
    }

    public List<String> path() {
        return path;
    }

    public Source source() {
        return source;
    }

    public String reporterSub() {
        return reporterSub;
    }

    public String reporterEnc() {
        return reporterEnc;
    }

    public String partnerId() {
        return partnerId;
    }

    public String attributesJson() {
        return attributes;
    }

    public IncidentState state() {
        return state;
    }

    public AreaLevel level() {
        return level;
    }

    public String assignedUnit() {
        return assignedUnit;
    }

    public OffsetDateTime dueAt() {
        return dueAt;
    }

    public boolean overdue() {
        return overdue;
    }

    public int escalationCount() {
        return escalationCount;
    }

    public int reportCount() {
        return reportCount;
    }

    public UUID duplicateOf() {
        return duplicateOf;
    }

    public OffsetDateTime occurredAt() {
        return occurredAt;
    }

    public OffsetDateTime reportedAt() {
        return reportedAt;
    }

    public OffsetDateTime updatedAt() {
        return updatedAt;
    }

    public OffsetDateTime resolvedAt() {
        return resolvedAt;
    }

    public Boolean resolvedOnTime() {
        return resolvedOnTime;
    }

    public Satisfaction satisfaction() {
        return satisfaction;
    }

    public OffsetDateTime ratedAt() {
        return ratedAt;
    }

    public long version() {
        return version;
    }

    public String mediaUrl() {
        return mediaUrl;
    }
}
