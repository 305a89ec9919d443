package org.civicsafety.cases.mediation;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import org.civicsafety.cases.area.AreaDirectory;
import org.civicsafety.cases.casefile.Access;
import org.civicsafety.cases.casefile.CaseQueries;
import org.civicsafety.cases.common.ApiException;
import org.civicsafety.cases.common.Json;
import org.civicsafety.cases.unit.UnitDirectory;

/** The mediator directory: admin writes anywhere, supervisors within their area; staff in scope read it. */
@ApplicationScoped
public class Mediators {

    @Inject MediatorRepository mediators;
    @Inject AreaDirectory areas;
    @Inject UnitDirectory units;

    @Transactional(Transactional.TxType.MANDATORY)
    public MediatorApi.View create(MediatorApi.Body b, Access.Who who) {
        String[] path = checked(b, who);
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.MICROS);
        MediatorEntity m = new MediatorEntity();
        m.id = UUID.randomUUID();
        m.createdAt = now;
        m.version = 1;
        set(m, b, path, now);
        mediators.persist(m);
        return view(m);
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public MediatorApi.View update(UUID id, MediatorApi.Body b, Long ifMatch, Access.Who who) {
        MediatorEntity m = mediators.lock(id).filter(e -> MediationAccess.canRead(who, e.areaPath))
                .orElseThrow(() -> ApiException.notFound("no such mediator"));
        if (!MediationAccess.canWriteMediator(who, m.areaPath)) {
            throw ApiException.forbidden("the mediator is outside the area you may change");
        }
        if (ifMatch != null && ifMatch != m.version) {
            throw ApiException.preconditionFailed("the mediator has changed (version " + m.version + "); reload it");
        }
        String[] path = checked(b, who);
        m.version++;
        set(m, b, path, OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.MICROS));
        return view(m);
    }

    public MediatorApi.View find(UUID id, Access.Who who) {
        MediatorEntity m = mediators.findById(id);
        if (m == null || !MediationAccess.canRead(who, m.areaPath)) {
            throw ApiException.notFound("no such mediator");
        }
        return view(m);
    }

    public MediatorApi.Page list(MediatorApi.Filters f, Access.Who who) {
        if (!MediationAccess.readsEverything(who) && who.area() == null) {
            return new MediatorApi.Page(List.of(), null);
        }
        String q = null;
        if (f.q() != null && !f.q().isBlank()) {
            if (f.q().length() > 200) {
                throw ApiException.badField("q", "too-long", 200);
            }
            CaseQueries.plainText("q", f.q());
            q = "%" + f.q().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
        }
        int limit = CaseQueries.limit(f.limit());
        CaseQueries.Cursor cursor = f.cursor() == null ? null : CaseQueries.decodeCursor(f.cursor());
        List<MediatorEntity> rows = mediators.page(new MediatorRepository.ListQuery(
                MediationAccess.readsEverything(who) ? null : who.area(),
                f.areaCode() == null ? null : CaseQueries.areaCode(f.areaCode()),
                f.active() == null ? null : CaseQueries.bool("active", f.active()), q,
                cursor == null ? null : cursor.at(), cursor == null ? null : cursor.id(), limit + 1));
        String next = null;
        if (rows.size() > limit) {
            rows = rows.subList(0, limit);
            MediatorEntity last = rows.get(limit - 1);
            next = CaseQueries.encodeCursor(last.createdAt.toInstant(), last.id);
        }
        return new MediatorApi.Page(rows.stream().map(Mediators::view).toList(), next);
    }

    /** The body's area path, refused when unknown or outside what the caller may write; the unit must be known. */
    private String[] checked(MediatorApi.Body b, Access.Who who) {
        String[] path = areas.path(b.areaCode()).orElseThrow(() -> ApiException.badField("areaCode", "unknown-area"));
        if (!MediationAccess.canWriteMediator(who, path)) {
            throw ApiException.forbidden("the area is outside your scope");
        }
        if (b.unitId() != null && units.find(b.unitId()).isEmpty()) {
            throw ApiException.badField("unitId", "unknown-unit");
        }
        return path;
    }

    private static void set(MediatorEntity m, MediatorApi.Body b, String[] path, OffsetDateTime now) {
        m.name = b.name().strip();
        m.committee = b.committee().strip();
        m.areaCode = b.areaCode();
        m.areaPath = path;
        m.specialties = MediatorApi.specialties(b).toArray(String[]::new);
        m.active = MediatorApi.active(b);
        m.unitId = b.unitId();
        m.userId = b.userId() == null || b.userId().isBlank() ? null : b.userId();
        m.updatedAt = now;
    }

    static MediatorApi.View view(MediatorEntity m) {
        return new MediatorApi.View(m.id, m.name, m.committee, m.areaCode, List.of(m.specialties), m.active, m.unitId,
                m.userId, m.version, Json.time(m.createdAt), Json.time(m.updatedAt));
    }
}
