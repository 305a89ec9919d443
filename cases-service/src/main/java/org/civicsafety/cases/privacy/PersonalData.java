package org.civicsafety.cases.privacy;

import java.util.List;

/** Everything personal about a case, stored only encrypted. */
public record PersonalData(Petitioner petitioner, List<Representative> representatives) {

    public record Petitioner(String name, String phone, String idNumber, String address) {}

    public record Representative(String name, String phone) {}
}
