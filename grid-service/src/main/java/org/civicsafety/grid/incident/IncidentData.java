package org.civicsafety.grid.incident;

import org.civicsafety.grid.area.AreaLevel;
import org.civicsafety.grid.category.Severity;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/**
 * What a view of an incident reads: the {@link Incident} aggregate a command loaded, or an {@link IncidentRow} of a
 * list page, which is only shown and so is read without an entity.
 */
public interface IncidentData {
    UUID id();

    String number();

    String categoryCode();

    Severity severity();

    String description();

    double lat();

    double lon();

    String address();

    String areaCode();

    List<String> path();

    Source source();

    String reporterSub();

    String reporterEnc();

    String partnerId();

    String attributesJson();

    IncidentState state();

    AreaLevel level();

    String assignedUnit();

    OffsetDateTime dueAt();

    boolean overdue();

    int reportCount();

    UUID duplicateOf();

    OffsetDateTime occurredAt();

    OffsetDateTime reportedAt();

    OffsetDateTime updatedAt();

    OffsetDateTime resolvedAt();

    Boolean resolvedOnTime();

    /** The latest rating of a resolution, null if none. */
    Satisfaction satisfaction();

    OffsetDateTime ratedAt();

    long version();

    String mediaUrl();
}
