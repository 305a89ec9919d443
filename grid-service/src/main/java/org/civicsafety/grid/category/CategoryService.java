package org.civicsafety.grid.category;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import org.civicsafety.grid.common.ApiException;
import org.civicsafety.grid.common.FieldError;

import java.util.List;
import java.util.Map;

/** Maintaining the catalogue (admin). Categories have no event: other services do not keep a copy. */
@ApplicationScoped
public class CategoryService {
    @Inject CategoryRepository repo;

    /** Result of a delete: the category is gone, or (being in use) it was deactivated and is returned. */
    public record Removed(Category deactivated) {
        public boolean deleted() {
            return deactivated == null;
        }
    }

    @Transactional
    public Category create(CategoryRequest req) {
        check(req, true);
        if (!repo.insert(toCategory(req.code(), req, req.active() == null || req.active(), 1))) {
            throw ApiException.conflict("A category with code " + req.code() + " already exists",
                    Map.of("code", req.code()));
        }
        return repo.load(req.code(), false).orElseThrow();
    }

    /** Replaces a category; {@code ifMatch} (a version) is checked when given. */
    @Transactional
    public Category update(String code, CategoryRequest req, Long ifMatch) {
        Category old = repo.load(code, true).orElseThrow(() -> ApiException.notFound("Unknown category " + code));
        if (ifMatch != null && ifMatch != old.version()) {
            throw ApiException.preconditionFailed("Category " + code + " is at version " + old.version());
        }
        if (req.code() != null && !req.code().equals(code)) {
            throw ApiException.badRequest(FieldError.of("code", "path-code-mismatch"));
        }
        check(req, false);
        repo.update(toCategory(code, req, req.active() == null ? old.active() : req.active(), old.version() + 1));
        return repo.load(code, false).orElseThrow();
    }

    /** Deletes an unused category; one that incidents or routing rules refer to is deactivated instead. */
    @Transactional
    public Removed delete(String code, Long ifMatch) {
        // the row lock orders this against reports of the category (their foreign key check shares the row)
        Category c = repo.load(code, true).orElseThrow(() -> ApiException.notFound("Unknown category " + code));
        if (ifMatch != null && ifMatch != c.version()) {
            throw ApiException.preconditionFailed("Category " + code + " is at version " + c.version());
        }
        if (!repo.inUse(code)) {
            repo.delete(code);
            return new Removed(null);
        }
        if (c.active()) {
            repo.update(withActive(c, false));
        }
        return new Removed(repo.load(code, false).orElseThrow());
    }

    private static void check(CategoryRequest req, boolean create) {
        List<FieldError> errors = CategoryRules.validate(req, create);
        if (!errors.isEmpty()) {
            throw ApiException.badRequest("The category has " + errors.size() + " invalid field(s)", errors);
        }
    }

    private static Category toCategory(String code, CategoryRequest r, boolean active, long version) {
        return new Category(code, r.name().strip(), r.nameEn().strip(), r.group().code(), r.group().name().strip(),
                r.group().nameEn().strip(), r.keywords() == null ? List.of() : List.copyOf(r.keywords()),
                r.defaultSeverity(), r.dedupeRadiusMeters() == null ? CategoryRules.DEFAULT_DEDUPE_RADIUS
                        : r.dedupeRadiusMeters(),
                r.slaHours(), Boolean.TRUE.equals(r.isPrivate()),
                r.attributes() == null ? List.of() : List.copyOf(r.attributes()), active, version);
    }

    private static Category withActive(Category c, boolean active) {
        return new Category(c.code(), c.nameZh(), c.nameEn(), c.groupCode(), c.groupZh(), c.groupEn(), c.keywords(),
                c.defaultSeverity(), c.dedupeRadiusMeters(), c.slaHours(), c.isPrivate(), c.attributes(), active,
                c.version() + 1);
    }
}
