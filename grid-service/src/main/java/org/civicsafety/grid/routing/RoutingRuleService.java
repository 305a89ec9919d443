package org.civicsafety.grid.routing;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import org.civicsafety.grid.area.AreaLevel;
import org.civicsafety.grid.area.AreaRepository;
import org.civicsafety.grid.category.CategoryRepository;
import org.civicsafety.grid.common.ApiException;
import org.civicsafety.grid.common.Codes;
import org.civicsafety.grid.common.Cursors;
import org.civicsafety.grid.common.FieldError;
import org.civicsafety.grid.common.Page;
import org.civicsafety.grid.security.Caller;
import org.civicsafety.grid.unit.Unit;
import org.civicsafety.grid.unit.UnitService;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Maintaining the routing table (admin writes; supervisors read the rules that concern their area). */
@ApplicationScoped
public class RoutingRuleService {
    static final int MAX_PRIORITY = 1_000_000;

    @Inject RoutingRuleRepository repo;
    @Inject CategoryRepository categories;
    @Inject AreaRepository areas;
    @Inject UnitService units;

    @Transactional
    public RoutingRuleView create(RoutingRuleRequest req) {
        RoutingRuleView rule = checked(0, req, 1);
        long id = repo.insert(rule);
        return repo.find(id, false).orElseThrow();
    }

    /** Replaces a rule; {@code ifMatch} (a version) is checked when given. */
    @Transactional
    public RoutingRuleView update(long id, RoutingRuleRequest req, Long ifMatch) {
        RoutingRuleView old = locked(id, ifMatch);
        repo.update(checked(id, req, old.version() + 1));
        return repo.find(id, false).orElseThrow();
    }

    @Transactional
    public void delete(long id, Long ifMatch) {
        locked(id, ifMatch);
        repo.delete(id);
    }

    /** A rule the caller may read: admin any, a supervisor those that can route incidents in their area. */
    public RoutingRuleView find(long id, Caller caller) {
        Optional<RoutingRuleView> rule = caller.is("admin") ? repo.find(id, false)
                : caller.area() == null ? Optional.empty() : repo.findInArea(id, caller.area());
        return rule.orElseThrow(() -> ApiException.notFound("Unknown routing rule " + id));
    }

    /** A page of GET /routing-rules, newest first, before the one {@code cursor} names: those the caller may see. */
    public Page<RoutingRuleView> page(Caller caller, String cursor, int limit) {
        Long before = cursor == null || cursor.isBlank() ? null : cursorId(cursor);
        List<RoutingRuleView> rows;
        if (caller.is("admin")) {
            rows = repo.list(null, before, limit + 1);
        } else {
            rows = caller.area() == null ? List.of() : repo.list(caller.area(), before, limit + 1);
        }
        String next = null;
        if (rows.size() > limit) {
            rows = rows.subList(0, limit);
            next = Cursors.encode("r:" + rows.get(limit - 1).id());
        }
        return new Page<>(rows, next);
    }

    private static long cursorId(String cursor) {
        try {
            return Long.parseLong(Cursors.decode(cursor, "r:"));
        } catch (NumberFormatException e) {
            throw ApiException.badRequest(FieldError.of("cursor", "not-a-cursor"));
        }
    }

    private RoutingRuleView locked(long id, Long ifMatch) {
        RoutingRuleView r = repo.find(id, true).orElseThrow(() -> ApiException.notFound("Unknown routing rule " + id));
        if (ifMatch != null && ifMatch != r.version()) {
            throw ApiException.preconditionFailed("Routing rule " + id + " is at version " + r.version());
        }
        return r;
    }

    /** Validates a request (every bad field at once) and makes it the rule to store. */
    private RoutingRuleView checked(long id, RoutingRuleRequest req, long version) {
        List<FieldError> errors = new ArrayList<>();
        if (req.categoryCode() != null && categories.find(req.categoryCode()).isEmpty()) {
            errors.add(FieldError.of("categoryCode", "unknown-category", req.categoryCode()));
        }
        if (req.areaCode() != null && (!Codes.storable(req.areaCode())
                || areas.find(req.areaCode(), false, false).isEmpty())) {
            errors.add(FieldError.of("areaCode", "unknown-area", req.areaCode()));
        }
        if (req.unitId() == null || req.unitId().isBlank()) {
            errors.add(FieldError.of("unitId", "required"));
        } else {
            // the unit must be in the directory and take work (grid.md "Units")
            Optional<Unit> unit = units.find(req.unitId().strip());
            if (unit.isEmpty()) {
                errors.add(FieldError.of("unitId", "unknown-unit", req.unitId()));
            } else if (!unit.get().active()) {
                errors.add(FieldError.of("unitId", "unit.inactive", req.unitId()));
            }
        }
        if (req.level() == AreaLevel.GRID) {
            errors.add(FieldError.of("level", "routing.level"));
        }
        int priority = req.priority() == null ? 0 : req.priority();
        if (Math.abs(priority) > MAX_PRIORITY) {
            errors.add(FieldError.of("priority", "not-in-range", Integer.toString(-MAX_PRIORITY),
                    Integer.toString(MAX_PRIORITY)));
        }
        if (!errors.isEmpty()) {
            throw ApiException.badRequest("The routing rule has " + errors.size() + " invalid field(s)", errors);
        }
        return new RoutingRuleView(id, req.categoryCode(), req.severity(), req.areaCode(), req.unitId().strip(),
                req.level(), priority, version);
    }
}
