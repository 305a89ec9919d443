package org.civicsafety.grid.incident;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.civicsafety.grid.category.Category;
import org.civicsafety.grid.category.CategoryRepository;
import org.civicsafety.grid.category.Lang;
import org.civicsafety.grid.privacy.Masks;
import org.civicsafety.grid.privacy.PersonalDataCipher;
import org.civicsafety.grid.security.Caller;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Turns incidents into API views: names in the caller's language, personal data masked unless needed. */
@ApplicationScoped
public class IncidentViews {
    @Inject CategoryRepository categories;
    @Inject PersonalDataCipher cipher;
    @Inject ObjectMapper json;
    @Inject MediaRepository mediaFiles;

    public IncidentView view(IncidentData i, Caller caller, Lang lang, boolean withMedia) {
        return view(i, caller, lang, withMedia, categories());
    }

    public List<IncidentView> views(List<? extends IncidentData> list, Caller caller, Lang lang) {
        Map<String, Category> cats = categories();
        return list.stream().map(i -> view(i, caller, lang, false, cats)).toList();
    }

    /** The catalogue by code, for the names of incidents' categories. */
    public Map<String, Category> categories() {
        Map<String, Category> cats = new HashMap<>();
        categories.all().forEach(c -> cats.put(c.code(), c));
        return cats;
    }

    private IncidentView view(IncidentData i, Caller caller, Lang lang, boolean withMedia,
            Map<String, Category> cats) {
        Category c = cats.get(i.categoryCode());
        List<IncidentView.MediaView> media = withMedia ? mediaFiles.list(i.id()) : null;
        return new IncidentView(i.id(), i.number(), i.categoryCode(), c == null ? null : c.name(lang), i.severity(),
                i.description(), i.lat(), i.lon(), i.address(), i.areaCode(), i.path(), i.source(),
                reporter(i, caller), i.partnerId(), tree(i.attributesJson()), media, i.state(), i.level(),
                i.assignedUnit(), i.dueAt(), i.overdue(), i.reportCount(), i.duplicateOf(), i.occurredAt(),
                i.reportedAt(), i.updatedAt(), i.resolvedAt(), i.resolvedOnTime(), i.version(),
                IncidentWorkflow.allowed(i, IncidentService.roles(i, caller)), i.satisfaction(), i.mediaUrl());
    }

    /** Full contact data for those who act on it (admin, supervisor, the handling unit) and the reporter. */
    private IncidentView.ReporterView reporter(IncidentData i, Caller caller) {
        if (i.reporterEnc() == null) {
            return null;
        }
        try {
            JsonNode r = json.readTree(cipher.decrypt(i.reporterEnc()));
            String name = r.path("name").isNull() ? null : r.path("name").asText(null);
            String phone = r.path("phone").isNull() ? null : r.path("phone").asText(null);
            String email = r.path("email").isNull() ? null : r.path("email").asText(null);
            boolean full = caller.is("admin") || caller.is("supervisor")
                    || (caller.is("handler") && caller.unit() != null && caller.unit().equals(i.assignedUnit()))
                    || (caller.subject() != null && caller.subject().equals(i.reporterSub()));
            return full ? new IncidentView.ReporterView(name, phone, email)
                    : new IncidentView.ReporterView(Masks.name(name), Masks.phone(phone), Masks.email(email));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            // not chained: the parser's message would quote the decrypted personal data into the log
            throw new IllegalStateException("reporter data of incident " + i.id() + " is not JSON");
        }
    }

    private JsonNode tree(String s) {
        try {
            return json.readTree(s);
        } catch (Exception e) {
            return json.createObjectNode();
        }
    }
}
