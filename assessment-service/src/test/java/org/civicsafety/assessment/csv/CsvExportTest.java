package org.civicsafety.assessment.csv;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.civicsafety.assessment.common.ApiException;
import org.civicsafety.assessment.common.FieldMessage;
import org.junit.jupiter.api.Test;

/** The export's loop: page after page by nextCursor, each read when the previous one is written, up to the cap. */
@QuarkusTest
class CsvExportTest {

    record Row(int n, String label) {}

    record Page(List<Row> items, String nextCursor) implements CsvExport.Paged<Row> {}

    @Inject CsvExport csv;
    @Inject ObjectMapper mapper;

    /** Pages of three rows (n = 0, 1, 2, ...), {@code pages} of them; records the cursors asked for. */
    private static java.util.function.Function<String, Page> pages(int pages, List<String> asked) {
        return cursor -> {
            asked.add(cursor);
            int p = cursor == null ? 0 : Integer.parseInt(cursor);
            List<Row> rows = IntStream.range(p * 3, p * 3 + 3).mapToObj(n -> new Row(n, "行 " + n)).toList();
            return new Page(rows, p + 1 < pages ? String.valueOf(p + 1) : null);
        };
    }

    private String body(Response r) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ((StreamingOutput) r.getEntity()).write(out);
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void everyPageUntilTheLast() throws Exception {
        List<String> asked = new ArrayList<>();
        Response r = csv.export("rows", mapper.constructType(Row.class), pages(3, asked), 100);
        assertEquals(java.util.Arrays.asList((String) null), asked, "the first page is read before answering");
        String text = body(r);
        assertEquals(java.util.Arrays.asList(null, "1", "2"), asked);
        assertEquals(CsvFormat.BOM + "n,label\r\n", text.substring(0, 10));
        assertEquals(1 + 9, text.split("\r\n").length);
        assertEquals("8,行 8", text.split("\r\n")[9]);
    }

    @Test
    void theCapEndsTheExportWithoutReadingFurther() throws Exception {
        List<String> asked = new ArrayList<>();
        String text = body(csv.export("rows", mapper.constructType(Row.class), pages(1000, asked), 5));
        assertEquals(1 + 5, text.split("\r\n").length);
        assertEquals(java.util.Arrays.asList(null, "1"), asked, "no page after the one the cap falls in");
        asked.clear();
        body(csv.export("rows", mapper.constructType(Row.class), pages(1000, asked), 6));
        assertEquals(java.util.Arrays.asList(null, "1"), asked, "a cap at a page's end reads no further page");
    }

    @Test
    void aFailingFirstPageFailsTheRequest() {
        assertThrows(ApiException.class, () -> csv.export("rows", mapper.constructType(Row.class), cursor -> {
            throw ApiException.badRequest("type", FieldMessage.Key.NOT_AN_AREA_CODE);
        }, 5));
    }

    @Test
    void theDownloadIsNamedAfterTheListAndTheDay() {
        Response r = csv.export("rows", Row.class, pages(1, new ArrayList<>()));
        assertEquals("text/csv; charset=UTF-8", r.getHeaderString("Content-Type"));
        assertEquals("attachment; filename=\"rows-" + java.time.LocalDate.now(java.time.ZoneId.of("Asia/Shanghai"))
                .format(java.time.format.DateTimeFormatter.BASIC_ISO_DATE) + ".csv\"",
                r.getHeaderString("Content-Disposition"));
    }
}
