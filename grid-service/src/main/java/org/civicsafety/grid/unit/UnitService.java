package org.civicsafety.grid.unit;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import org.civicsafety.grid.area.Area;
import org.civicsafety.grid.area.AreaRepository;
import org.civicsafety.grid.area.AreasWritten;
import org.civicsafety.grid.common.ApiException;
import org.civicsafety.grid.common.Page;
import org.civicsafety.grid.common.Cursors;
import org.civicsafety.grid.common.FieldError;
import org.civicsafety.grid.config.GridConfig;
import org.civicsafety.grid.outbox.Outbox;
import org.civicsafety.grid.security.Caller;
import org.hibernate.exception.ConstraintViolationException;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The unit directory: admins create and change units and their notice channels; an area naming a responsible unit
 * the directory does not know adds it. Every change writes {@code unit.upserted} to the outbox in its transaction.
 */
@ApplicationScoped
public class UnitService {
    public static final String UPSERTED = "org.civicsafety.unit.upserted.v1";

    @Inject UnitRepository repo;
    @Inject AreaRepository areas;
    @Inject Outbox outbox;
    @Inject GridConfig config;

    /** Result of a write: the stored unit and whether it was newly created. */
    public record Written(Unit unit, boolean created) {}

    @Transactional
    public Unit create(UnitRequest req) {
        if (req.id() == null || !UnitRules.validId(req.id())) {
            throw ApiException.badRequest(FieldError.of("id", "unit.id"));
        }
        check(req);
        if (repo.find(req.id(), false).isPresent()) {
            throw ApiException.conflict("A unit with id " + req.id() + " already exists", null);
        }
        return insert(req.id(), req);
    }

    /** Creates or replaces a unit; {@code ifMatch} (a version) is checked when given. */
    @Transactional
    public Written put(String id, UnitRequest req, Long ifMatch) {
        if (req.id() != null && !req.id().equals(id)) {
            throw ApiException.badRequest(FieldError.of("id", "path-code-mismatch"));
        }
        Optional<Unit> existing = repo.find(id, true);
        if (existing.isEmpty()) {
            if (ifMatch != null) {
                throw ApiException.preconditionFailed("Unit " + id + " does not exist yet");
            }
            if (!UnitRules.validId(id)) {
                throw ApiException.badRequest(FieldError.of("id", "unit.id"));
            }
            check(req);
            return new Written(insert(id, req), true);
        }
        Unit u = locked(existing.get(), ifMatch);
        check(req);
        OffsetDateTime now = now();
        u.set(req, now);
        u.touch(now);
        publish(List.of(u));
        return new Written(u, false);
    }

    /** Replaces a unit's notice channels; {@code ifMatch} (a version) is checked when given. */
    @Transactional
    public Unit putChannels(String id, NoticeChannels channels, Long ifMatch) {
        Unit u = locked(repo.find(id, true).orElseThrow(() -> unknown(id)), ifMatch);
        List<FieldError> errors = UnitRules.channels(channels, "", config.units().loopbackHttpWebhooks());
        if (!errors.isEmpty()) {
            throw ApiException.badRequest("The notice channels have " + errors.size() + " invalid field(s)", errors);
        }
        u.setChannels(channels);
        u.touch(now());
        publish(List.of(u));
        return u;
    }

    /** Any unit, for admins and for the checks of other features (routing rules). */
    public Optional<Unit> find(String id) {
        return repo.find(id, false);
    }

    /** A unit the caller may see: admin any, staff those in their area's subtree or above it. */
    public Unit find(String id, Caller caller) {
        Optional<Unit> u = repo.find(id, false);
        if (u.isPresent() && !caller.is("admin")
                && (caller.area() == null || !repo.inScope(u.get().areaCode, caller.area()))) {
            u = Optional.empty();
        }
        return u.orElseThrow(() -> unknown(id));
    }

    /**
     * A page of GET /units, by id after the one {@code cursor} names: the units the caller may see.
     *
     * @param within null, or the area whose subtree the units sit in
     */
    public Page<UnitView> page(Caller caller, String within, String cursor, int limit) {
        String after = cursor == null || cursor.isBlank() ? null : Cursors.decode(cursor, "u:");
        List<Unit> rows;
        if (caller.is("admin")) {
            rows = repo.list(within, null, after, limit + 1);
        } else {
            rows = caller.area() == null ? List.of() : repo.list(within, caller.area(), after, limit + 1);
        }
        String next = null;
        if (rows.size() > limit) {
            rows = rows.subList(0, limit);
            next = Cursors.encode("u:" + rows.get(limit - 1).id());
        }
        return new Page<>(rows.stream().map(u -> view(u, caller)).toList(), next);
    }

    public UnitView view(Unit u, Caller caller) {
        return u.view(caller.is("admin"));
    }

    /** Areas just written name their responsible units: those the directory lacks are added, in that transaction. */
    void areasWritten(@Observes AreasWritten written) {
        addMissing(repo.missingForAreas(written.areas().stream().map(Area::code).toList()));
    }

    /**
     * Units named before the directory existed (areas' responsible units, routing rules) are added at start-up, so
     * the directory and its topic know every unit the service routes to. Instances starting together add each once.
     */
    void fillFromAreasAndRules(@Observes StartupEvent started) {
        QuarkusTransaction.requiringNew().run(() -> {
            addMissing(repo.missingForAreas(null));
            addMissing(repo.missingForRules());
        });
    }

    private void addMissing(List<UnitRepository.Missing> missing) {
        List<Unit> units = missing.stream().map(m -> new Unit(m.id(), m.areaName(), m.areaNameEn(), m.areaCode(),
                UnitKind.of(m.level()))).toList();
        publish(repo.insertMissing(units));
    }

    private Unit insert(String id, UnitRequest req) {
        OffsetDateTime now = now();
        Unit u = new Unit(id, null, null, null, null);
        u.createdAt = now;
        u.set(req, now);
        repo.persist(u);
        try {
            repo.flush();
        } catch (ConstraintViolationException e) {
            // another request created the same id between the check and this insert
            throw ApiException.conflict("Unit " + id + " was created concurrently", null);
        }
        publish(List.of(u));
        return u;
    }

    /** Every invalid field at once: the area must exist, the channels be well-formed. */
    private void check(UnitRequest req) {
        List<FieldError> errors = new ArrayList<>();
        if (areas.find(req.areaCode(), false, false).isEmpty()) {
            errors.add(FieldError.of("areaCode", "unknown-area", req.areaCode()));
        }
        errors.addAll(UnitRules.channels(req.noticeChannels(), "noticeChannels.",
                config.units().loopbackHttpWebhooks()));
        if (!errors.isEmpty()) {
            throw ApiException.badRequest("The unit has " + errors.size() + " invalid field(s)", errors);
        }
    }

    private static Unit locked(Unit u, Long ifMatch) {
        if (ifMatch != null && ifMatch != u.version) {
            throw ApiException.preconditionFailed("Unit " + u.id + " is at version " + u.version);
        }
        return u;
    }

    private static ApiException unknown(String id) {
        return ApiException.notFound("Unknown unit " + id);
    }

    private void publish(List<Unit> units) {
        String now = now().toString();
        outbox.appendAll(units.stream()
                .map(u -> new Outbox.Event(config.kafka().unitsTopic(), u.id, UPSERTED, eventData(u, now))).toList());
    }

    static Map<String, Object> eventData(Unit u, String occurredAt) {
        Map<String, Object> channels = new LinkedHashMap<>();
        channels.put("email", u.email);
        channels.put("webhookUrl", u.webhookUrl);
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("id", u.id);
        data.put("name", u.name);
        data.put("nameEn", u.nameEn);
        data.put("areaCode", u.areaCode);
        data.put("kind", u.kind.name());
        data.put("active", u.active);
        data.put("noticeChannels", channels);
        data.put("version", u.version);
        data.put("occurredAt", occurredAt);
        return data;
    }

    private static OffsetDateTime now() {
        return OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.MICROS);
    }
}
