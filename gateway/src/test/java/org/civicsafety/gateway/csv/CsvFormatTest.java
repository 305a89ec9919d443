package org.civicsafety.gateway.csv;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class CsvFormatTest {

    @Test
    void quotesOnlyWhatMustBeQuoted() {
        assertEquals("plain,中文 文本,\"a,b\",\"say \"\"hi\"\"\",\"two\r\nlines\",\"cr\ronly\",\"lf\nonly\",\r\n",
                CsvFormat.row(List.of("plain", "中文 文本", "a,b", "say \"hi\"", "two\r\nlines", "cr\ronly", "lf\nonly",
                        "")));
    }

    @Test
    void textThatASpreadsheetWouldEvaluateGetsALeadingQuote() {
        for (String formula : List.of("=SUM(A1:A9)", "+1", "-1", "@cmd", "\tx", "\rx")) {
            assertEquals("'" + formula, CsvFormat.text(formula));
        }
        for (String plain : List.of("", "a=b", "1-2", "2026-12-05", "'quoted", " =x")) {
            assertEquals(plain, CsvFormat.text(plain));
        }
    }

    @Test
    void aGuardedCellIsStillQuotedWhenItMustBe() {
        assertEquals("\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\"\r\n",
                CsvFormat.row(List.of(CsvFormat.text("=HYPERLINK(\"http://x\",\"y\")"))));
    }
}
