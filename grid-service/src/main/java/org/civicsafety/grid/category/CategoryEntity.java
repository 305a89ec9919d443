package org.civicsafety.grid.category;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import java.util.List;

/**
 * A category as stored (table category). The rest of the service works with the immutable {@link Category} that
 * {@link CategoryRepository} caches; SLA hours and attributes are JSON documents it reads and writes.
 */
@Entity
@Table(name = "category")
public class CategoryEntity {
    @Id String code;
    String nameZh;
    String nameEn;
    String groupCode;
    String groupZh;
    String groupEn;
    @JdbcTypeCode(SqlTypes.ARRAY) List<String> keywords;
    @Enumerated(EnumType.STRING) Severity defaultSeverity;
    int dedupeRadiusMeters;
    @JdbcTypeCode(SqlTypes.JSON) String slaHours;
    @Column(name = "private") boolean isPrivate;
    @JdbcTypeCode(SqlTypes.JSON) String attributes;
    boolean active;
    long version;
}
