package org.civicsafety.gateway.partner;

import org.civicsafety.gateway.problem.ProblemException.FieldError;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/** What a request to issue a partner key must satisfy; every violation is reported at once. */
final class PartnerKeyRules {

    private static final Pattern ID = Pattern.compile("[A-Za-z0-9._-]{1,64}");
    private static final Pattern CATEGORY = Pattern.compile("[A-Za-z0-9._-]{1,64}");

    private PartnerKeyRules() {}

    static List<FieldError> validate(PartnerKeyResource.NewPartnerKey body) {
        List<FieldError> errors = new ArrayList<>();
        if (body == null) {
            errors.add(new FieldError("body", "required"));
            return errors;
        }
        if (body.partnerId() == null || !ID.matcher(body.partnerId().trim()).matches()) {
            errors.add(new FieldError("partnerId", "partner-key.partner-id"));
        }
        if (body.name() != null && body.name().length() > 200) {
            errors.add(new FieldError("name", "too-long", 200));
        }
        if (body.categories() == null || body.categories().isEmpty()) {
            errors.add(new FieldError("categories", "partner-key.categories-empty"));
        } else {
            for (int i = 0; i < body.categories().size(); i++) {
                String code = body.categories().get(i);
                if (code == null || !CATEGORY.matcher(code.trim()).matches()) {
                    errors.add(new FieldError("categories[" + i + "]", "partner-key.category-code"));
                }
            }
        }
        return errors;
    }
}
