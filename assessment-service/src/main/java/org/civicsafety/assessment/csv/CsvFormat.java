package org.civicsafety.assessment.csv;

import java.util.List;

/** RFC 4180 rows and the OWASP guard against spreadsheet formulas: plain Java, unit-tested. */
public final class CsvFormat {
    /** The UTF-8 byte order mark: spreadsheet programs read Chinese text correctly only with it. */
    public static final String BOM = "\uFEFF";
    public static final String CRLF = "\r\n";

    private CsvFormat() {}

    /**
     * A text cell as a spreadsheet program must not evaluate it: one starting with {@code = + - @}, TAB or CR
     * gets a leading {@code '} (OWASP "CSV injection"). Numbers and booleans are never text cells.
     */
    public static String text(String value) {
        if (!value.isEmpty() && "=+-@\t\r".indexOf(value.charAt(0)) >= 0) {
            return "'" + value;
        }
        return value;
    }

    /** One cell: quoted when it holds a comma, a quote, CR or LF, its quotes doubled. */
    public static String cell(String value) {
        if (value.indexOf(',') < 0 && value.indexOf('"') < 0 && value.indexOf('\r') < 0 && value.indexOf('\n') < 0) {
            return value;
        }
        return '"' + value.replace("\"", "\"\"") + '"';
    }

    /** One line, CRLF-terminated. */
    public static String row(List<String> cells) {
        StringBuilder line = new StringBuilder();
        for (int i = 0; i < cells.size(); i++) {
            if (i > 0) {
                line.append(',');
            }
            line.append(cell(cells.get(i)));
        }
        return line.append(CRLF).toString();
    }
}
