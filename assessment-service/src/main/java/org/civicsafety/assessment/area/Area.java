package org.civicsafety.assessment.area;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.hibernate.annotations.Immutable;

/**
 * An area as known from grid-service's area events. Immutable as an entity: the consumer writes areas in bulk
 * ({@link AreaRepository#upsertAll}), and a snapshot holding thousands of them must not dirty-check them at every
 * flush. Accessors are named like a record's, as the rest of the service reads them.
 */
@Entity
@Immutable
@Table(name = "area")
public class Area {
    /** The levels of the hierarchy, from the county down (grid-service's area levels). */
    @Schema(name = "AreaLevel")
    public enum Level {
        COUNTY, TOWNSHIP, VILLAGE, GRID
    }

    @Id String code;
    String name;
    String level;
    String parentCode;
    /** Codes from the county down, ending with this area. */
    String[] path;
    Long population;
    String responsibleUnit;
    long version;

    protected Area() {}

    public String code() {
        return code;
    }

    public String name() {
        return name;
    }

    public String level() {
        return level;
    }

    public String parentCode() {
        return parentCode;
    }

    public String[] path() {
        return path;
    }

    public Long population() {
        return population;
    }

    public String responsibleUnit() {
        return responsibleUnit;
    }

    public long version() {
        return version;
    }
}
