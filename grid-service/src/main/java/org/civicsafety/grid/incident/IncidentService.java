package org.civicsafety.grid.incident;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.LockModeType;
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
import org.civicsafety.grid.incident.IncidentWorkflow.Assignment;
import org.civicsafety.grid.incident.IncidentWorkflow.Role;
import org.civicsafety.grid.incident.IncidentWorkflow.Step;
import org.civicsafety.grid.outbox.Outbox;
import org.civicsafety.grid.privacy.PersonalDataCipher;
import org.civicsafety.grid.routing.Routing;
import org.civicsafety.grid.routing.RoutingRuleRepository;
import org.civicsafety.grid.security.Caller;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
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
    static final String SYSTEM = Role.SYSTEM.claim();
    /** The actor of what a mediation's outcome does to an incident, in the audit trail (in the system role). */
    static final String MEDIATION = "mediation";

    @Inject IncidentRepository repo;
    @Inject RoutingRuleRepository routingRules;
    @Inject AreaRepository areas;
    @Inject CategoryRepository categories;
    @Inject IncidentEvents events;
    @Inject IncidentNotices notices;
    @Inject PersonalDataCipher cipher;
    @Inject ObjectMapper json;
    /** The platform's language (zh-CN), the one the audit trail's system notes are written in. */
    @ConfigProperty(name = "quarkus.default-locale") String defaultLocale;

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
        OffsetDateTime now = now();

        // Reports that could be duplicates of each other (same category, within its radius) wait for each other,
        // so two reports of the same thing cannot both become originals. The locks are their own statement:
        // the duplicate query after it must see what the previous holder committed.
        String number = repo.lockAndNextNumber(DedupeLocks.keys(cat.code(), req.lat(), req.lon(),
                cat.dedupeRadiusMeters()), now.atZoneSameInstant(SHANGHAI).getYear());
        Optional<Incident> original = repo.openDuplicateCandidate(cat.code(), req.lat(), req.lon(),
                cat.dedupeRadiusMeters(), now.minusHours(DUPLICATE_WINDOW_HOURS));

        String partner = caller.is("partner") ? caller.partner() : null;
        String role = caller.actingRole(REPORTER_ROLES);
        Incident incident = new Incident(UUID.randomUUID(), number, cat.code(), severity, req.description().strip(),
                req.lat(), req.lon(), req.address(), grid.code(), grid.path(), source, caller.subject(),
                reporterJson(req.reporter()), partner, normalizedAttributes(req.attributes()),
                EscalationPolicy.startLevel(severity), req.occurredAt(), now, req.mediaUrl());

        if (original.isPresent()) {
            Incident o = original.get();
            incident.linkAsDuplicateOf(o, now);
            repo.persist(incident);
            repo.history(new IncidentHistory(incident.id(), caller.subject(), role, "REPORT", null,
                    IncidentState.DUPLICATE, null, o.level(), null, "duplicate of " + o.number()),
                    new IncidentHistory(o.id(), caller.subject(), role, "DUPLICATE_LINKED", o.state(), o.state(),
                            o.level(), o.level(), o.assignedUnit(), "report " + number));
            events.publish(IncidentEvents.DUPLICATE_LINKED, incident);
            notices.duplicate(incident, o);
            return incident;
        }

        AreaLevel level = incident.level();
        List<IncidentHistory> history = new ArrayList<>();
        history.add(new IncidentHistory(incident.id(), caller.subject(), role, "REPORT", null, IncidentState.REPORTED,
                null, level, null, null));
        List<Outbox.Event> published = new ArrayList<>();
        published.add(events.event(IncidentEvents.REPORTED, incident, Map.of()));

        // Dispatch is decided before the row is written, so the incident is inserted once in its final state;
        // its version (2) and the REPORT + DISPATCH trail and events are the same as reporting then dispatching.
        Routing.Route route = route(cat, severity, grid.path(), level, lineage);
        if (route.unit() != null) {
            IncidentWorkflow.Transition dispatch = IncidentWorkflow.rule(incident, Step.DISPATCH).orElseThrow();
            Map<String, Object> extra = dispatch.take(incident, new Assignment(route.level(), route.unit(),
                    EscalationPolicy.dueAt(now, cat.slaHours(), severity)), now);
            history.add(new IncidentHistory(incident.id(), SYSTEM, SYSTEM, Step.DISPATCH.name(),
                    IncidentState.REPORTED, incident.state(), level, incident.level(), route.unit(),
                    route.ruleId() == null ? "area default unit" : "rule " + route.ruleId()));
            published.add(events.event(dispatch.event(), incident, extra));
            notices.changed(dispatch.event(), IncidentState.REPORTED, incident, null);
        }
        if (severity == Severity.CRITICAL) {
            published.add(events.event(IncidentEvents.ALERT, incident, Map.of()));
        }
        repo.persist(incident);
        repo.history(history.toArray(IncidentHistory[]::new));
        events.publishAll(incident, published);
        return incident;
    }

    /** Takes a workflow action; stale If-Match → 412, action not allowed now → 409 naming the allowed ones. */
    @Transactional
    public Incident transition(UUID id, TransitionRequest req, Long ifMatch, Caller caller) {
        Incident i = findInScope(id, caller, true);
        if (ifMatch != null && ifMatch != i.version()) {
            throw ApiException.preconditionFailed("Incident is at version " + i.version());
        }
        Set<Role> roles = roles(i, caller);
        Optional<IncidentWorkflow.Transition> rule = IncidentWorkflow.rule(i, Step.of(req.action()));
        if (rule.isEmpty()) {
            List<Action> allowed = IncidentWorkflow.allowed(i, roles);
            throw ApiException.illegalTransition(req.action() + " is not possible in state " + i.state()
                    + "; allowed: " + allowed, Map.of("allowedActions", allowed, "state", i.state()));
        }
        IncidentWorkflow.Transition t = rule.get();
        if (!t.permits(roles)) {
            throw ApiException.forbidden("Your role may not " + req.action() + " this incident");
        }
        if (!t.satisfiedBy(req)) {
            throw ApiException.badRequest(FieldError.of(t.requires(), "incident.reason-required", req.action()));
        }
        String text = blank(req.reason()) ? req.note() : req.reason();
        String role = caller.actingRole(t.roles().stream().map(Role::claim).toList());
        return take(i, t, caller.subject(), new IncidentWorkflow.Input(Assignment.NONE, req.satisfaction(), role),
                text, now());
    }

    /** The caller's workflow roles on this incident: its token roles, and REPORTER when it reported it. */
    static Set<Role> roles(IncidentData i, Caller caller) {
        return Role.of(caller.roles(), caller.subject() != null && caller.subject().equals(i.reporterSub()));
    }

    /** The escalation job's step for an incident past its deadline: one level up, or the overdue flag at the county. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void late(Incident i, OffsetDateTime now) {
        Step step = IncidentWorkflow.rule(i, Step.ESCALATE).isPresent() ? Step.ESCALATE : Step.OVERDUE;
        IncidentWorkflow.rule(i, step).ifPresent(t -> take(i, t, SYSTEM, IncidentWorkflow.Input.of(Assignment.NONE),
                step == Step.ESCALATE ? "deadline " + i.dueAt() + " passed" : "county deadline passed", now));
    }

    /** The feedback job's step for a resolution nobody answered in time: the incident closes (notices.md). */
    @Transactional(Transactional.TxType.MANDATORY)
    public void closeUnanswered(Incident i, OffsetDateTime now) {
        IncidentWorkflow.rule(i, Step.AUTO_CLOSE).ifPresent(t -> take(i, t, SYSTEM,
                IncidentWorkflow.Input.of(Assignment.NONE), "no feedback since the resolution of " + i.resolvedAt(),
                now));
    }

    /**
     * An agreement reached in the mediation the incident was referred to (cases-service's mediation.concluded): the
     * incident is resolved by the system with a note naming the mediation, its reporter asked for feedback as after
     * any RESOLVE. An unknown incident, or one no longer open, is left alone.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void resolveByMediation(UUID incidentId, String mediationNumber) {
        Incident i = repo.findById(incidentId, LockModeType.PESSIMISTIC_WRITE);
        if (i != null) {
            IncidentWorkflow.rule(i, Step.RESOLVE_BY_MEDIATION).ifPresent(t -> take(i, t, MEDIATION,
                    IncidentWorkflow.Input.of(Assignment.NONE),
                    HistoryNotes.resolvedByMediation(platformLocale(), mediationNumber),
                    now()));
        }
    }

    private Locale platformLocale() {
        return Locale.forLanguageTag(defaultLocale);
    }

    /**
     * Takes a row of the workflow: the change, its audit trail entry and its event, in this transaction. An
     * escalation's assignment is decided here.
     */
    private Incident take(Incident i, IncidentWorkflow.Transition t, String actor, IncidentWorkflow.Input in,
            String note, OffsetDateTime now) {
        IncidentState from = i.state();
        AreaLevel fromLevel = i.level();
        Map<String, Object> extra = t.take(i, t.step() == Step.ESCALATE
                ? new IncidentWorkflow.Input(escalation(i, now), in.satisfaction(), in.actorRole()) : in, now);
        repo.history(new IncidentHistory(i.id(), actor, in.actorRole(), t.step().name(), from, i.state(), fromLevel,
                i.level(), i.assignedUnit(), note));
        events.publish(t.event(), i, extra);
        notices.changed(t.event(), from, i, note);
        return i;
    }

    /** One level up: the routing rules' unit there (else the current one) and a new deadline. */
    private Assignment escalation(Incident i, OffsetDateTime now) {
        AreaLevel to = EscalationPolicy.up(i.level());
        Category cat = categories.find(i.categoryCode()).orElseThrow();
        Routing.Route route = route(cat, i.severity(), i.path(), to);
        return new Assignment(to, route.unit() == null ? i.assignedUnit() : route.unit(),
                EscalationPolicy.dueAt(now, cat.slaHours(), i.severity()));
    }

    public Incident findInScope(UUID id, Caller caller, boolean forUpdate) {
        return repo.findInScope(id, IncidentScope.of(caller), forUpdate)
                .orElseThrow(() -> ApiException.notFound("Unknown incident " + id));
    }

    static OffsetDateTime now() {
        return OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.MICROS);
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
        if (r == null || (blank(r.name()) && blank(r.phone()) && blank(r.email()))) {
            return null;
        }
        Map<String, String> m = new LinkedHashMap<>();
        m.put("name", r.name());
        m.put("phone", r.phone());
        m.put("email", r.email());
        try {
            return cipher.encrypt(json.writeValueAsString(m));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
