package org.civicsafety.cases.privacy;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class MaskingTest {

    @Test
    void masksPhoneNameIdAndAddress() {
        assertEquals("138****5678", Masking.phone("13812345678"));
        assertEquals("张**", Masking.name("张三丰"));
        assertEquals("110***********1234", Masking.idNumber("110101199001011234"));
        assertEquals("北京市****", Masking.address("北京市东城区某街道1号"));
        assertEquals("*****", Masking.phone("12345"));
    }
}
