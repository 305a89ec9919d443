package org.civicsafety.cases.privacy;

import java.util.List;

/** Everything personal about a case, stored only encrypted. */
public record PersonalData(Petitioner petitioner, List<Representative> representatives) {

    /** {@code email}: where notices may be sent (null when not given). */
    public record Petitioner(String name, String phone, String idNumber, String address, String email) {
        public Petitioner(String name, String phone, String idNumber, String address) {
            this(name, phone, idNumber, address, null);
        }
    }

    public record Representative(String name, String phone) {}
}
