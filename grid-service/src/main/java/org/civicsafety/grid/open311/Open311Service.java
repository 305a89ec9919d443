package org.civicsafety.grid.open311;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.civicsafety.grid.category.AttributeDef;
import org.civicsafety.grid.category.Category;
import org.civicsafety.grid.category.CategoryRepository;
import org.civicsafety.grid.category.Lang;
import org.civicsafety.grid.common.ApiException;
import org.civicsafety.grid.open311.Open311Params.RequestQuery;
import org.civicsafety.grid.open311.Open311Params.Window;
import org.civicsafety.grid.open311.Open311Repository.HistoryRow;
import org.civicsafety.grid.open311.Open311Repository.RequestFilter;
import org.civicsafety.grid.open311.Open311Repository.RequestRow;
import org.civicsafety.grid.open311.ServiceRequestList.Extended;
import org.civicsafety.grid.open311.ServiceRequestList.Note;
import org.civicsafety.grid.open311.ServiceRequestList.ServiceRequest;
import org.civicsafety.grid.open311.ServiceRequestList.Token;
import org.civicsafety.grid.security.Caller;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The reads of the GeoReport v2 facade: the catalogue as services, incidents as service requests without personal
 * data, their history as notes and FixMyStreet updates. service_request_id is the incident number, the token of a
 * request its internal id.
 */
@ApplicationScoped
public class Open311Service {
    @Inject CategoryRepository categories;
    @Inject Open311Repository repo;
    @Inject Caller caller;

    ServiceList services(Lang lang) {
        return new ServiceList(categories.active().stream().map(c -> new ServiceList.Service(c.code(), c.name(lang),
                c.name(lang) + " (" + c.group(lang) + ")", !c.attributes().isEmpty(), "realtime",
                String.join(",", c.keywords()), c.group(lang))).toList());
    }

    ServiceDefinition definition(String code, Lang lang) {
        Category c = categories.findActive(code).orElseThrow(() -> ApiException.notFound("service_code not found"));
        List<ServiceDefinition.Attribute> attributes = new ArrayList<>();
        for (AttributeDef a : c.attributes()) {
            List<ServiceDefinition.Value> values = a.values() == null ? List.of() : a.values().stream()
                    .map(v -> new ServiceDefinition.Value(v.key(), text(v.name(), lang))).toList();
            attributes.add(new ServiceDefinition.Attribute(true, a.code(), a.datatype(), a.required(), null,
                    attributes.size() + 1, text(a.description(), lang), values));
        }
        return new ServiceDefinition(c.code(), attributes);
    }

    ServiceRequestList<ServiceRequest> requests(RequestQuery q, Lang lang) {
        Window w = q.window();
        List<RequestRow> rows = repo.requests(new RequestFilter(q.numbers(), q.serviceCodes(), w.from(), w.to(),
                q.open(), reader(), q.pageSize(), (long) (q.page() - 1) * q.pageSize()));
        return present(rows, q.extensions(), lang);
    }

    ServiceRequestList<ServiceRequest> request(String number, boolean extensions, Lang lang) {
        RequestRow row = repo.request(number, reader())
                .orElseThrow(() -> ApiException.notFound("service_request_id not found"));
        return present(List.of(row), extensions, lang);
    }

    ServiceRequestList<Token> token(UUID token) {
        String number = repo.numberOfToken(token, reader()).orElseThrow(() -> ApiException.notFound("token not found"));
        return new ServiceRequestList<>(List.of(new Token(number, token.toString())));
    }

    UpdateList updates(Window w) {
        return new UpdateList(repo.updates(w.from(), w.to(), reader()).stream()
                .map(h -> new UpdateList.Update(Long.toString(h.id()), h.number(), fmsStatus(h.toState()), h.at(),
                        describe(h), ""))
                .toList());
    }

    /** The rows as requests; the notes of all of them come from one query. */
    private ServiceRequestList<ServiceRequest> present(List<RequestRow> rows, boolean extensions, Lang lang) {
        Map<String, Category> byCode = categories.all().stream()
                .collect(Collectors.toMap(Category::code, Function.identity()));
        Map<UUID, List<HistoryRow>> history = repo.notes(rows.stream().map(RequestRow::id).toList());
        List<ServiceRequest> out = new ArrayList<>(rows.size());
        for (RequestRow i : rows) {
            Category c = byCode.get(i.categoryCode());
            List<Note> notes = history.getOrDefault(i.id(), List.of()).stream()
                    .map(h -> new Note(h.at(), h.action(), h.action().equals("COMMENT") ? "comment" : "activity",
                            describe(h)))
                    .toList();
            Extended extended = extensions ? new Extended(i.number(), i.state().name(), i.severity(),
                    i.level().name(), i.areaCode(), i.reportCount(), i.duplicateOf()) : null;
            out.add(new ServiceRequest(i.number(), i.state().open() ? "open" : "closed", statusNotes(notes),
                    c == null ? null : c.name(lang), i.categoryCode(), i.description(), i.assignedUnit(),
                    i.duplicateOf() == null ? "" : "duplicate", i.reportedAt(), i.updatedAt(), i.dueAt(),
                    i.address(), i.areaCode(), null, i.lat(), i.lon(), i.mediaUrl(), extended,
                    extensions ? notes : null));
        }
        return new ServiceRequestList<>(out);
    }

    /** The latest note that says more than the automatic report and dispatch entries. */
    private static String statusNotes(List<Note> notes) {
        for (int k = notes.size() - 1; k >= 0; k--) {
            Note n = notes.get(k);
            if (!n.description().equals(n.summary()) && !"REPORT".equals(n.summary())
                    && !"DISPATCH".equals(n.summary())) {
                return n.description();
            }
        }
        return null;
    }

    /** The entry's note, or its action when it has none. */
    private static String describe(HistoryRow h) {
        return h.note() == null || h.note().isBlank() ? h.action() : h.note();
    }

    /** FixMyStreet's status of an update from the state it led to (none: a comment, the request stays open). */
    private static String fmsStatus(String state) {
        if (state == null) {
            return "OPEN";
        }
        return switch (state) {
            case "IN_PROGRESS" -> "IN_PROGRESS";
            case "RESOLVED", "CLOSED" -> "FIXED";
            case "REJECTED" -> "NOT_COUNCILS_RESPONSIBILITY";
            case "DUPLICATE" -> "DUPLICATE";
            default -> "OPEN";
        };
    }

    /** The partner whose own requests in private categories a read includes (none without a partner key). */
    String reader() {
        return caller.is("partner") ? caller.partner() : null;
    }

    private static String text(Map<String, String> texts, Lang lang) {
        return texts == null ? null : texts.getOrDefault(lang.key(), texts.get("zh"));
    }
}
