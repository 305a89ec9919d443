package org.civicsafety.cases.privacy;

import java.util.List;

/** Masks personal data for roles that may know a petitioner exists but not who it is (and the ID number for the handling unit). */
public final class Masking {

    private Masking() {}

    /** {@code 13812345678} → {@code 138****5678}. */
    public static String phone(String phone) {
        if (phone == null) {
            return null;
        }
        String p = phone.strip();
        if (p.length() <= 7) {
            return "*".repeat(p.length());
        }
        return p.substring(0, 3) + "****" + p.substring(p.length() - 4);
    }

    /** {@code alice@example.org} → {@code a***@example.org}: the first character and the domain. */
    public static String email(String email) {
        if (email == null) {
            return null;
        }
        int at = email.lastIndexOf('@');
        return at <= 0 ? "***" : email.substring(0, email.offsetByCodePoints(0, 1)) + "***" + email.substring(at);
    }

    /** {@code 张三丰} → {@code 张**}. */
    public static String name(String name) {
        if (name == null || name.isEmpty()) {
            return name;
        }
        int first = name.offsetByCodePoints(0, 1);
        return name.substring(0, first) + "*".repeat(Math.max(1, name.codePointCount(first, name.length())));
    }

    /** {@code 110101199001011234} → {@code 110101********1234}: the first 6 (the region) and last 4 characters. */
    public static String idNumber(String id) {
        if (id == null) {
            return null;
        }
        if (id.length() <= 10) {
            return "*".repeat(id.length());
        }
        return id.substring(0, 6) + "*".repeat(id.length() - 10) + id.substring(id.length() - 4);
    }

    /** Keeps only the first few characters (the district), hides the street and number. */
    public static String address(String address) {
        if (address == null || address.isEmpty()) {
            return address;
        }
        int keep = Math.min(3, address.codePointCount(0, address.length()));
        return address.substring(0, address.offsetByCodePoints(0, keep)) + "****";
    }

    /** Only the ID number masked: what a handling unit sees (it must reach the petitioner, not identify them). */
    public static PersonalData maskIdNumber(PersonalData d) {
        PersonalData.Petitioner p = d.petitioner();
        return new PersonalData(new PersonalData.Petitioner(p.name(), p.phone(), idNumber(p.idNumber()), p.address(),
                p.email()), d.representatives());
    }

    public static PersonalData mask(PersonalData d) {
        PersonalData.Petitioner p = d.petitioner();
        List<PersonalData.Representative> reps = d.representatives() == null ? List.of()
                : d.representatives().stream()
                        .map(r -> new PersonalData.Representative(name(r.name()), phone(r.phone()))).toList();
        return new PersonalData(new PersonalData.Petitioner(name(p.name()), phone(p.phone()), idNumber(p.idNumber()),
                address(p.address()), email(p.email())), reps);
    }
}
