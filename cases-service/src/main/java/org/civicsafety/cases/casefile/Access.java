package org.civicsafety.cases.casefile;

import java.util.Arrays;
import java.util.Set;
import org.civicsafety.cases.workflow.Action;
import org.civicsafety.cases.workflow.CaseEntity;
import org.civicsafety.cases.workflow.Enums;
import org.civicsafety.cases.workflow.Role;

/**
 * Who may see a case, who may act on it, and how much of the petitioner they may see. Pure
 * functions of the caller's claims and the case, so the rules read in one place.
 */
public final class Access {

    public record Who(String sub, Set<Role> roles, String area, String unit) {
        public boolean has(Role r) {
            return roles.contains(r);
        }
    }

    /**
     * How much of the petitioner a caller sees: everything; {@code CONTACT} — name, phone and address whole
     * to reach them, the ID number masked; everything masked; nothing at all.
     */
    public enum PersonalView {
        FULL, CONTACT, MASKED, ABSENT
    }

    private static final Set<Role> AREA_STAFF = Set.of(Role.PETITION_OFFICER, Role.SUPERVISOR, Role.ANALYST,
            Role.GRID_WORKER);

    private Access() {}

    public static boolean canSee(Who w, CaseEntity c) {
        if (w.has(Role.ADMIN)) {
            return true;
        }
        if (w.has(Role.CITIZEN) && w.sub() != null && w.sub().equals(c.ownerSub)) {
            return true;
        }
        if (w.has(Role.HANDLER) && w.unit() != null && w.unit().equals(c.unitId)) {
            return true;
        }
        return w.roles().stream().anyMatch(AREA_STAFF::contains) && inArea(w.area(), c);
    }

    static boolean inArea(String area, CaseEntity c) {
        return area != null && (contains(c.areaPath, area) || contains(c.unitAreaPath, area));
    }

    public static boolean contains(String[] path, String area) {
        return path != null && Arrays.asList(path).contains(area);
    }

    /** Strictly contains: the caller's area is an ancestor of (not equal to) the area at the end of the path. */
    static boolean strictlyAbove(String area, String[] path, String code) {
        return area != null && code != null && !area.equals(code) && contains(path, area);
    }

    /** Whether {@code role} relates to the case the way {@code action} needs (owner, unit, area level). */
    public static boolean mayAct(Who w, Role role, Action action, CaseEntity c) {
        return switch (role) {
            case CITIZEN -> w.sub() != null && w.sub().equals(c.ownerSub);
            case PETITION_OFFICER -> contains(c.areaPath, w.area());
            case HANDLER -> w.unit() != null && w.unit().equals(c.unitId);
            case SUPERVISOR -> switch (action) {
                case EXTEND -> contains(c.unitAreaPath, w.area());
                case ANSWER_REVIEW -> strictlyAbove(w.area(), c.unitAreaPath, c.unitAreaCode);
                case ANSWER_RE_REVIEW, START_HEARING, END_HEARING ->
                    strictlyAbove(w.area(), c.reviewerAreaPath, c.reviewerAreaCode);
                default -> false;
            };
            default -> false;
        };
    }

    /**
     * Petitioner data (cases.md "Privacy"): the reporter of misconduct is visible only to the registering
     * officer and to the reporter (Art. 30); otherwise the petitioner and the petition office in scope see
     * it whole, the handling unit sees what it needs to reach the petitioner (the ID number masked), and
     * everyone else, admin included, sees it masked.
     */
    public static PersonalView personalView(Who w, CaseEntity c) {
        boolean owner = w.sub() != null && w.sub().equals(c.ownerSub) && w.has(Role.CITIZEN);
        if (c.type == Enums.CaseType.MISCONDUCT_REPORT) {
            boolean registeringOfficer = w.has(Role.PETITION_OFFICER) && w.sub() != null
                    && w.sub().equals(c.registeredBy);
            return owner || registeringOfficer ? PersonalView.FULL : PersonalView.ABSENT;
        }
        if (owner || (w.has(Role.PETITION_OFFICER) && contains(c.areaPath, w.area()))) {
            return PersonalView.FULL;
        }
        if (w.has(Role.HANDLER) && w.unit() != null && w.unit().equals(c.unitId)) {
            return PersonalView.CONTACT;
        }
        return PersonalView.MASKED;
    }
}
