package org.civicsafety.cases.api;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.restassured.response.Response;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/** A CSV export as the tests read it: the answer's headers and BOM checked, the body parsed as RFC 4180. */
public final class Csv {
    private static final Pattern DISPOSITION = Pattern.compile("attachment; filename=\"([a-z-]+)-(\\d{8})\\.csv\"");

    /** The header row, then the rows as maps from column to cell. */
    public record Table(List<String> header, List<Map<String, String>> rows) {
        public List<String> column(String name) {
            return rows.stream().map(r -> r.get(name)).toList();
        }
    }

    private Csv() {}

    /** A 200 CSV export of {@code list}: type, download name, BOM; its table. */
    public static Table export(Response r, String list) {
        assertEquals(200, r.statusCode(), r.asString());
        assertEquals("text/csv;charset=UTF-8", r.contentType().replace(" ", ""));
        var m = DISPOSITION.matcher(r.header("Content-Disposition"));
        assertTrue(m.matches(), r.header("Content-Disposition"));
        assertEquals(list, m.group(1));
        byte[] body = r.asByteArray();
        assertArrayEquals(new byte[]{(byte) 0xEF, (byte) 0xBB, (byte) 0xBF}, Arrays.copyOf(body, 3), "a UTF-8 BOM");
        List<List<String>> lines = parse(new String(body, 3, body.length - 3, StandardCharsets.UTF_8));
        List<String> header = lines.get(0);
        List<Map<String, String>> rows = new ArrayList<>();
        for (List<String> line : lines.subList(1, lines.size())) {
            assertEquals(header.size(), line.size(), "a row has a cell per column: " + line);
            Map<String, String> row = new java.util.LinkedHashMap<>();
            for (int i = 0; i < header.size(); i++) {
                row.put(header.get(i), line.get(i));
            }
            rows.add(row);
        }
        return new Table(header, rows);
    }

    /** RFC 4180 lines (CRLF-terminated, quoted cells with doubled quotes). */
    public static List<List<String>> parse(String text) {
        List<List<String>> lines = new ArrayList<>();
        List<String> line = new ArrayList<>();
        StringBuilder cell = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < text.length() && text.charAt(i + 1) == '"') {
                    cell.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    cell.append(c);
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == ',') {
                line.add(cell.toString());
                cell.setLength(0);
            } else if (c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
                line.add(cell.toString());
                cell.setLength(0);
                lines.add(line);
                line = new ArrayList<>();
                i++;
            } else {
                assertTrue(c != '\r' && c != '\n', "a bare line break outside quotes at " + i);
                cell.append(c);
            }
        }
        assertTrue(line.isEmpty() && cell.isEmpty(), "the last line ends with CRLF");
        return lines;
    }
}
