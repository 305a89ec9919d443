package org.civicsafety.cases.reception;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.util.UUID;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/**
 * A leader's public reception day (接访日): who receives, where, when, on which topics, and how many people
 * ({@code slots}); {@code booked} counts the slots held, changed only under the row's lock.
 */
@Entity
@Table(name = "reception_day")
public class ReceptionDay {
    @Id public UUID id;
    public String leaderName;
    public String leaderTitle;
    public String areaCode;
    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(name = "area_path") public String[] areaPath;
    public LocalDate day;
    public LocalTime startTime;
    public LocalTime endTime;
    public String place;
    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(name = "topics") public String[] topics;
    public int slots;
    public int booked;
    public String createdBy;
    public OffsetDateTime createdAt;
    public long version;

    /** The leader as the records and the backlog ledger name them: name and title. */
    public String leader() {
        return leaderName + "（" + leaderTitle + "）";
    }

    public Slots.Span slot(int n) {
        return Slots.span(day, startTime, endTime, slots, n);
    }
}
