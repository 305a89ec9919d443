package org.civicsafety.cases.privacy;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class MaskingTest {

    @Test
    void masksPhoneNameIdAndAddress() {
        assertEquals("138****5678", Masking.phone("13812345678"));
        assertEquals("张**", Masking.name("张三丰"));
        assertEquals("110101********1234", Masking.idNumber("110101199001011234"));
        assertEquals("**********", Masking.idNumber("1101011234"));
        assertEquals("北京市****", Masking.address("北京市东城区某街道1号"));
        assertEquals("*****", Masking.phone("12345"));
        assertEquals("a***@example.org", Masking.email("alice@example.org"));
        assertEquals("***", Masking.email("not-an-address"));
    }

    @Test
    void theHandlingUnitsViewMasksOnlyTheIdNumber() {
        PersonalData d = new PersonalData(
                new PersonalData.Petitioner("张三丰", "13812345678", "110101199001011234", "北京市东城区某街道1号"),
                List.of(new PersonalData.Representative("李四", "13900000000")));
        assertEquals(new PersonalData(
                new PersonalData.Petitioner("张三丰", "13812345678", "110101********1234", "北京市东城区某街道1号"),
                d.representatives()), Masking.maskIdNumber(d));
    }
}
