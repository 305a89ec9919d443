package org.civicsafety.grid.privacy;

/** Masked personal data for readers who may know that it exists but not what it is. */
public final class Masks {
    private Masks() {}

    /** 13812345678 -> 138****5678. */
    public static String phone(String phone) {
        if (phone == null) {
            return null;
        }
        return phone.length() <= 7 ? "****" : phone.substring(0, 3) + "****" + phone.substring(phone.length() - 4);
    }

    /** a.person@example.org -> a***@example.org. */
    public static String email(String email) {
        if (email == null) {
            return null;
        }
        int at = email.lastIndexOf('@');
        return at < 1 ? "***" : email.substring(0, 1) + "***" + email.substring(at);
    }

    /** 张三丰 -> 张**. */
    public static String name(String name) {
        if (name == null || name.isEmpty()) {
            return name;
        }
        int first = name.offsetByCodePoints(0, 1);
        return name.substring(0, first) + "*".repeat(Math.max(1, name.codePointCount(first, name.length())));
    }
}
