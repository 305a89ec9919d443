package org.civicsafety.cases.mediation;

import java.util.Set;
import org.civicsafety.cases.casefile.Access;
import org.civicsafety.cases.workflow.Role;

/**
 * Who may read and write mediators and mediations (mediation.md "Roles"): staff inside their area subtree, admin
 * everywhere; how much of the parties a caller sees. Pure functions of the caller's claims, as {@code Access} is for
 * cases.
 */
final class MediationAccess {

    /** The staff that read mediators and mediations within their area. */
    static final Set<Role> AREA_READERS = Set.of(Role.PETITION_OFFICER, Role.MEDIATOR, Role.SUPERVISOR, Role.ANALYST);

    private MediationAccess() {}

    /** An admin reads everything; the other staff within their area, and callers without one nothing. */
    static boolean readsEverything(Access.Who w) {
        return w.has(Role.ADMIN);
    }

    static boolean canRead(Access.Who w, String[] areaPath) {
        return readsEverything(w)
                || (w.roles().stream().anyMatch(AREA_READERS::contains) && Access.contains(areaPath, w.area()));
    }

    /** The mediator directory: admin anywhere, supervisors within their area. */
    static boolean canWriteMediator(Access.Who w, String[] areaPath) {
        return w.has(Role.ADMIN) || (w.has(Role.SUPERVISOR) && Access.contains(areaPath, w.area()));
    }

    /** A mediation is opened by a mediator or a petition officer inside their area. */
    static boolean canOpen(Access.Who w, String[] areaPath) {
        return (w.has(Role.MEDIATOR) || w.has(Role.PETITION_OFFICER)) && Access.contains(areaPath, w.area());
    }
}
