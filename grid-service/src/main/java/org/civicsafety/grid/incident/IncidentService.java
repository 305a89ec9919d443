package org.civicsafety.grid.incident;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import org.civicsafety.grid.area.Area;
import org.civicsafety.grid.area.AreaLevel;
import org.civicsafety.grid.area.AreaRepository;
import org.civicsafety.grid.category.AttributeRules;
import org.civicsafety.grid.category.Category;
import org.civicsafety.grid.category.CategoryRepository;
import org.civicsafety.grid.category.Severity;
import org.civicsafety.grid.common.ApiException;
import org.civicsafety.grid.common.FieldError;
import org.civicsafety.grid.common.Jdbc;
import org.civicsafety.grid.outbox.Outbox;
import org.civicsafety.grid.privacy.PersonalDataCipher;
import org.civicsafety.grid.routing.Routing;
import org.civicsafety.grid.routing.RoutingRuleRepository;
import org.civicsafety.grid.security.Caller;

import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/** Reporting, dispatch, workflow transitions and escalation of incidents. */
@ApplicationScoped
public class IncidentService {
    static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    static final long DUPLICATE_WINDOW_HOURS = 72;
    /** Roles that report incidents (admin too); the audit trail records which one a report was made in. */
    static final List<String> REPORTER_ROLES = List.of("citizen", "grid_worker", "handler", "partner");
    /** The role of automatic actions (dispatch, escalation job) in the audit trail. */
    static final String SYSTEM = "system";

    @Inject
    IncidentRepository repo;
    @Inject
    RoutingRuleRepository routingRules;
    @Inject
    AreaRepository areas;
    @Inject
    CategoryRepository categories;
    @Inject
    IncidentEvents events;
    @Inject
    PersonalDataCipher cipher;
    @Inject
    ObjectMapper json;
    @Inject
    Jdbc jdbc;

    /** Records a report; dispatches it (or links it as a duplicate) in the same transaction. */
    @Transactional
    public Incident report(ReportRequest req, Caller caller) {
        List<FieldError> errors = new ArrayList<>();
        Optional<Category> category = categories.find(req.categoryCode());
        if (category.isEmpty()) {
            errors.add(FieldError.of("categoryCode", "unknown-category", req.categoryCode()));
        } else if (!category.get().active()) {
            errors.add(FieldError.of("categoryCode", "category.inactive", req.categoryCode()));
        } else {
            errors.addAll(AttributeRules.validate(category.get().attributes(), req.attributes(), "attributes"));
        }
        // the grid and all its ancestors in one query: their units are what routing falls back to
        List<Area> lineage;
        Area grid = null;
        if (req.areaCode() != null && !req.areaCode().isBlank()) {
            lineage = areas.lineage(req.areaCode());
            grid = lineage.isEmpty() ? null : lineage.get(lineage.size() - 1);
            if (grid == null) {
                errors.add(FieldError.of("areaCode", "unknown-area", req.areaCode()));
            } else if (grid.level() != AreaLevel.GRID) {
                errors.add(FieldError.of("areaCode", "incident.not-a-grid"));
            }
        } else {
            lineage = areas.locateLineage(req.lat(), req.lon());
            grid = lineage.isEmpty() ? null : lineage.get(lineage.size() - 1);
            if (grid == null) {
                errors.add(FieldError.of("lat", "incident.no-grid"));
            }
        }
        Source source = sourceFor(req.source(), caller, errors);
        if (req.occurredAt() != null && req.occurredAt().isAfter(OffsetDateTime.now().plusMinutes(5))) {
            errors.add(FieldError.of("occurredAt", "not-in-future"));
        }
        if (!errors.isEmpty()) {
            throw ApiException.badRequest("The report has " + errors.size() + " invalid field(s)", errors);
        }
        Category cat = category.get();
        // a partner key names the categories it may report (the gateway's token claim); an unknown code was a 400 above
        if (caller.partnerCategories().filter(allowed -> !allowed.contains(cat.code())).isPresent()) {
            throw ApiException.forbidden("This partner may not report incidents of category " + cat.code());
        }
        Severity severity = req.severity() == null ? cat.defaultSeverity() : req.severity();
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.MICROS);

        // Reports that could be duplicates of each other (same category, within its radius) wait for each other,
        // so two reports of the same thing cannot both become originals. The locks are their own statement:
        // the duplicate query after it must see what the previous holder committed.
        String number = repo.lockAndNextNumber(DedupeLocks.keys(cat.code(), req.lat(), req.lon(),
                cat.dedupeRadiusMeters()), now.atZoneSameInstant(SHANGHAI).getYear());
        Optional<Incident> original = repo.openDuplicateCandidate(cat.code(), req.lat(), req.lon(),
                cat.dedupeRadiusMeters(), now.minusHours(DUPLICATE_WINDOW_HOURS));

        String attributes = normalizedAttributes(req.attributes());
        String reporter = reporterJson(req.reporter());
        UUID id = UUID.randomUUID();
        String partner = caller.is("partner") ? caller.partner() : null;
        String role = caller.actingRole(REPORTER_ROLES);

        if (original.isPresent()) {
            Incident o = original.get();
            Incident dup = new Incident(id, number, cat.code(), severity, req.description().strip(), req.lat(),
                    req.lon(), req.address(), grid.code(), grid.path(), source, caller.subject(), reporter, partner,
                    attributes, IncidentState.DUPLICATE, o.level(), null, null, false, 0, 1, o.id(),
                    req.occurredAt(), now, now, null, null, 1, req.mediaUrl());
            repo.insert(dup);
            repo.history(id, caller.subject(), role, "REPORT", null, IncidentState.DUPLICATE, null, o.level(), null,
                    "duplicate of " + o.number());
            Incident bumped = copy(o, o.state(), o.level(), o.assignedUnit(), o.dueAt(), o.overdue(),
                    o.escalationCount(), o.reportCount() + 1, o.resolvedAt(), o.resolvedOnTime(), now);
            repo.update(bumped);
            repo.history(o.id(), caller.subject(), role, "DUPLICATE_LINKED", o.state(), o.state(), o.level(),
                    o.level(), o.assignedUnit(), "report " + number);
            events.publish("duplicate-linked", dup);
            return dup;
        }

        AreaLevel level = EscalationPolicy.startLevel(severity);
        Incident reported = new Incident(id, number, cat.code(), severity, req.description().strip(), req.lat(),
                req.lon(), req.address(), grid.code(), grid.path(), source, caller.subject(), reporter, partner,
                attributes, IncidentState.REPORTED, level, null, null, false, 0, 1, null, req.occurredAt(), now, now,
                null, null, 1, req.mediaUrl());
        List<IncidentRepository.HistoryEntry> history = new ArrayList<>();
        history.add(new IncidentRepository.HistoryEntry(id, caller.subject(), role, "REPORT", null,
                IncidentState.REPORTED, null, level, null, null));
        List<Outbox.Event> published = new ArrayList<>();
        published.add(events.event("reported", reported, Map.of()));

        // Dispatch is decided before the row is written, so the incident is inserted once in its final state;
        // its version (2) and the REPORT + DISPATCH trail and events are the same as reporting then dispatching.
        Incident current = reported;
        Routing.Route route = route(cat, severity, grid.path(), level, lineage);
        if (route.unit() != null) {
            current = copy(reported, IncidentState.DISPATCHED, route.level(), route.unit(),
                    EscalationPolicy.dueAt(now, cat.slaHours(), severity), false, 0, 1, null, null, now);
            history.add(new IncidentRepository.HistoryEntry(id, SYSTEM, SYSTEM, "DISPATCH", IncidentState.REPORTED,
                    IncidentState.DISPATCHED, level, route.level(), route.unit(),
                    route.ruleId() == null ? "area default unit" : "rule " + route.ruleId()));
            published.add(events.event("dispatched", current, Map.of()));
        }
        if (severity == Severity.CRITICAL) {
            published.add(events.event("alert", current, Map.of()));
        }
        repo.insert(current);
        repo.history(history);
        events.publishAll(published);
        return current;
    }

    /** Takes a workflow action; stale If-Match → 412, action not allowed now → 409 naming the allowed ones. */
    @Transactional
    public Incident transition(UUID id, TransitionRequest req, Long ifMatch, Caller caller) {
        Incident i = findInScope(id, caller, true);
        if (ifMatch != null && ifMatch != i.version()) {
            throw ApiException.preconditionFailed("Incident is at version " + i.version());
        }
        Set<String> roles = caller.roles();
        Optional<IncidentWorkflow.Rule> rule = IncidentWorkflow.rule(i.state(), req.action());
        if (rule.isEmpty() || (req.action() == Action.ESCALATE && EscalationPolicy.up(i.level()) == null)) {
            List<Action> allowed = IncidentWorkflow.allowed(i.state(), i.level(), roles);
            throw ApiException.illegalTransition(req.action() + " is not possible in state " + i.state()
                    + "; allowed: " + allowed, Map.of("allowedActions", allowed, "state", i.state()));
        }
        if (!IncidentWorkflow.permits(rule.get(), roles)) {
            throw ApiException.forbidden("Your role may not " + req.action() + " this incident");
        }
        if (rule.get().needsReason() && blank(req.reason()) && blank(req.note())) {
            String field = req.action() == Action.RESOLVE ? "note" : "reason";
            throw ApiException.badRequest(FieldError.of(field, "incident.reason-required", req.action()));
        }
        String text = blank(req.reason()) ? req.note() : req.reason();
        String role = caller.actingRole(rule.get().roles());
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.MICROS);
        IncidentState to = rule.get().next();
        Incident next;
        switch (req.action()) {
            case ESCALATE -> {
                return escalate(i, caller.subject(), role, text, now);
            }
            case RESOLVE -> {
                boolean onTime = i.dueAt() == null || !now.isAfter(i.dueAt());
                next = copy(i, to, i.level(), i.assignedUnit(), i.dueAt(), i.overdue(), i.escalationCount(),
                        i.reportCount(), now, onTime, now);
            }
            case REOPEN -> next = copy(i, to, i.level(), i.assignedUnit(), i.dueAt(), i.overdue(),
                    i.escalationCount(), i.reportCount(), null, null, now);
            default -> next = copy(i, to, i.level(), i.assignedUnit(), i.dueAt(), i.overdue(), i.escalationCount(),
                    i.reportCount(), i.resolvedAt(), i.resolvedOnTime(), now);
        }
        repo.update(next);
        repo.history(i.id(), caller.subject(), role, req.action().name(), i.state(), to, i.level(), i.level(),
                i.assignedUnit(), text);
        String kind = switch (req.action()) {
            case START -> "started";
            case REJECT -> "rejected";
            case RESOLVE -> "resolved";
            case VERIFY -> "verified";
            case REOPEN -> "reopened";
            case ESCALATE -> "escalated";
        };
        if (req.action() == Action.RESOLVE) {
            events.publish(kind, next, Map.of("onTime", next.resolvedOnTime()));
        } else {
            events.publish(kind, next);
        }
        return next;
    }

    /** Moves an incident one level up with a new unit and deadline (manual or by the escalation job). */
    @Transactional(Transactional.TxType.MANDATORY)
    public Incident escalate(Incident i, String actor, String role, String note, OffsetDateTime now) {
        AreaLevel to = EscalationPolicy.up(i.level());
        Category cat = categories.find(i.categoryCode()).orElseThrow();
        Routing.Route route = route(cat, i.severity(), i.path(), to);
        String unit = route.unit() == null ? i.assignedUnit() : route.unit();
        Incident next = copy(i, i.state(), to, unit, EscalationPolicy.dueAt(now, cat.slaHours(), i.severity()), false,
                i.escalationCount() + 1, i.reportCount(), i.resolvedAt(), i.resolvedOnTime(), now);
        repo.update(next);
        repo.history(i.id(), actor, role, "ESCALATE", i.state(), i.state(), i.level(), to, unit, note);
        events.escalated(next, i.level(), to);
        return next;
    }

    /** Past the county deadline: flag overdue once and tell everyone. */
    @Transactional(Transactional.TxType.MANDATORY)
    public Incident markOverdue(Incident i, OffsetDateTime now) {
        Incident next = copy(i, i.state(), i.level(), i.assignedUnit(), i.dueAt(), true, i.escalationCount(),
                i.reportCount(), i.resolvedAt(), i.resolvedOnTime(), now);
        repo.update(next);
        repo.history(i.id(), SYSTEM, SYSTEM, "OVERDUE", i.state(), i.state(), i.level(), i.level(),
                i.assignedUnit(), "county deadline passed");
        events.publish("overdue", next);
        return next;
    }

    public Incident findInScope(UUID id, Caller caller, boolean forUpdate) {
        IncidentScope scope = IncidentScope.of(caller);
        List<Object> args = new ArrayList<>();
        args.add(id);
        args.addAll(scope.args());
        return jdbc.one("SELECT " + IncidentRepository.COLUMNS + " FROM incident i WHERE i.id = ? AND " + scope.sql()
                + (forUpdate ? " FOR UPDATE" : ""), IncidentRepository::map, args.toArray())
                .orElseThrow(() -> ApiException.notFound("Unknown incident " + id));
    }

    private Routing.Route route(Category cat, Severity severity, List<String> path, AreaLevel level) {
        return route(cat, severity, path, level, areas.findAll(path));
    }

    /** @param lineage the areas of {@code path} (already loaded), whose units are the fallback */
    private Routing.Route route(Category cat, Severity severity, List<String> path, AreaLevel level,
            List<Area> lineage) {
        Map<AreaLevel, String> units = new HashMap<>();
        for (Area a : lineage) {
            units.put(a.level(), a.responsibleUnit());
        }
        return Routing.route(routingRules.candidates(cat.code(), severity, path), cat.code(), severity, path, level,
                units::get);
    }

    private static Source sourceFor(Source requested, Caller caller, List<FieldError> errors) {
        if (caller.is("admin")) {
            return requested == null ? Source.HOTLINE : requested;
        }
        if (caller.is("partner")) {
            return Source.PARTNER;
        }
        if (caller.is("grid_worker")) {
            return requested == Source.SENSOR || requested == Source.HOTLINE ? requested : Source.GRID_WORKER;
        }
        if (caller.is("handler")) {
            return requested == null || requested == Source.CITIZEN || requested == Source.PARTNER
                    ? Source.HOTLINE : requested;
        }
        if (requested != null && requested != Source.CITIZEN) {
            errors.add(FieldError.of("source", "incident.citizen-source"));
        }
        return Source.CITIZEN;
    }

    private String normalizedAttributes(JsonNode attributes) {
        ObjectNode node = attributes == null || !attributes.isObject() ? json.createObjectNode()
                : (ObjectNode) attributes;
        return node.toString();
    }

    private String reporterJson(ReportRequest.Reporter r) {
        if (r == null || (blank(r.name()) && blank(r.phone()))) {
            return null;
        }
        Map<String, String> m = new LinkedHashMap<>();
        m.put("name", r.name());
        m.put("phone", r.phone());
        try {
            return cipher.encrypt(json.writeValueAsString(m));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    static Incident copy(Incident i, IncidentState state, AreaLevel level, String unit, OffsetDateTime dueAt,
            boolean overdue, int escalations, int reportCount, OffsetDateTime resolvedAt, Boolean onTime,
            OffsetDateTime now) {
        return new Incident(i.id(), i.number(), i.categoryCode(), i.severity(), i.description(), i.lat(), i.lon(),
                i.address(), i.areaCode(), i.path(), i.source(), i.reporterSub(), i.reporterEnc(), i.partnerId(),
                i.attributesJson(), state, level, unit, dueAt, overdue, escalations, reportCount, i.duplicateOf(),
                i.occurredAt(), i.reportedAt(), now, resolvedAt, onTime, i.version() + 1, i.mediaUrl());
    }
}
