package org.civicsafety.grid.unit;

import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.OffsetDateTime;

/** A handling unit (table unit). {@code version} counts its changes and serves If-Match. */
@Entity
@Table(name = "unit")
public class Unit {
    @Id String id;
    String name;
    String nameEn;
    String areaCode;
    @Enumerated(EnumType.STRING) UnitKind kind;
    boolean active = true;
    String email;
    String webhookUrl;
    long version = 1;
    OffsetDateTime createdAt;
    OffsetDateTime updatedAt;

    protected Unit() {}

    Unit(String id, String name, String nameEn, String areaCode, UnitKind kind) {
        this.id = id;
        this.name = name;
        this.nameEn = nameEn;
        this.areaCode = areaCode;
        this.kind = kind;
    }

    /** Takes the checked request's values; channels only when it has them. */
    void set(UnitRequest req, OffsetDateTime now) {
        name = req.name().strip();
        nameEn = req.nameEn();
        areaCode = req.areaCode();
        kind = req.kind();
        active = req.active() == null || req.active();
        if (req.noticeChannels() != null) {
            setChannels(req.noticeChannels());
        }
        updatedAt = now;
    }

    void setChannels(NoticeChannels c) {
        email = c.email();
        webhookUrl = c.webhookUrl();
    }

    /** Records a change: one version more. */
    void touch(OffsetDateTime now) {
        updatedAt = now;
        version++;
    }

    public String id() {
        return id;
    }

    public boolean active() {
        return active;
    }

    public long version() {
        return version;
    }

    public NoticeChannels channels() {
        return new NoticeChannels(email, webhookUrl);
    }

    UnitView view(boolean withChannels) {
        return new UnitView(id, name, nameEn, areaCode, kind, active, withChannels ? channels() : null, version,
                createdAt, updatedAt);
    }
}
