package org.civicsafety.cases.document;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;

/** The layout alone: stable bytes, wrapped Chinese and Latin text, pages added as needed, unknown glyphs replaced. */
class DocumentPdfTest {

    static final UUID ID = UUID.fromString("5b1f4c2e-8d0a-4f4e-9a55-0c6f7e2d9b13");
    static final Instant ISSUED = Instant.parse("2026-12-05T07:02:11Z");

    static byte[] render(List<String> body) {
        return DocumentPdf.render(new DocumentPdf.Content("受理告知书 XF-2026-000013", "东关镇信访工作机构",
                "受理告知书", List.of("信访事项编号：XF-2026-000013"), body, List.of("核验码：ABCDEFGHJKMN")), ID, ISSUED);
    }

    @Test
    void theSameContentGivesTheSameBytes() {
        assertArrayEquals(render(List.of("您的信访事项已受理。")), render(List.of("您的信访事项已受理。")));
    }

    @Test
    void longTextWrapsOntoFurtherPagesAndUnknownCharactersBecomeQuestionMarks() throws Exception {
        String para = "路灯已于本周修复，感谢您的监督。".repeat(40) + " The street lamp was repaired this week. ".repeat(30);
        byte[] pdf = render(List.of(para, para, "控制\u0007字符\uDB40\uDC01"));
        try (PDDocument doc = Loader.loadPDF(pdf)) {
            assertTrue(doc.getNumberOfPages() >= 2, "pages: " + doc.getNumberOfPages());
            String text = new PDFTextStripper().getText(doc).replace("\n", "").replace("\r", "");
            assertTrue(text.contains("XF-2026-000013"), text);
            assertTrue(text.contains("repaired this week."), text);
            assertTrue(text.contains("控制?字符?"), text);
            assertEquals("受理告知书 XF-2026-000013", doc.getDocumentInformation().getTitle());
        }
    }
}
