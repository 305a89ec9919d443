package org.civicsafety.grid.csv;

import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.function.Function;

/**
 * A list as a CSV download ({@code Accept: text/csv}): the same filters, scope and masking as the JSON list, from its
 * first item in its order, at most {@link #MAX_ROWS} rows, streamed page by page — each page read in its own
 * transaction and flushed, never the whole list in memory.
 */
@ApplicationScoped
public class CsvExport {
    public static final String TEXT_CSV = "text/csv";
    /** What the CSV methods produce: JSON wins when a client accepts both (no Accept, or any type). */
    public static final String PRODUCES = TEXT_CSV + ";qs=0.5";
    /** The most rows an export holds: the console asks the user to narrow the filters when a file has this many. */
    public static final int MAX_ROWS = 100_000;
    /** The page size an export reads the list with. */
    public static final int PAGE_SIZE = 500;
    /** {@link #PAGE_SIZE} as the lists' {@code limit} parameter takes it. */
    public static final String PAGE_LIMIT = String.valueOf(PAGE_SIZE);
    /** The day in a file's name is the platform's day. */
    private static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");

    /** A page of a list: every list's page record has these two components. */
    public interface Paged<T> {
        List<T> items();

        String nextCursor();
    }

    @Inject ObjectMapper mapper;

    /**
     * The export of a list: {@code pages} answers the page at a cursor (null: the first) with the list's filters and
     * {@link #PAGE_LIMIT}. The first page is read before answering, so a bad filter is the usual 400 problem.
     */
    public <T> Response export(String listName, Class<?> itemType, Function<String, ? extends Paged<T>> pages) {
        return export(listName, mapper.constructType(itemType), pages, MAX_ROWS);
    }

    /** {@link #export(String, Class, Function)} with its row cap as a parameter (tests use a small one). */
    public <T> Response export(String listName, JavaType itemType, Function<String, ? extends Paged<T>> pages,
            int maxRows) {
        CsvColumns columns = CsvColumns.of(mapper, itemType);
        Paged<T> first = read(pages, null);
        StreamingOutput body = out -> {
            Writer writer = new OutputStreamWriter(out, StandardCharsets.UTF_8);
            writer.write(CsvFormat.BOM);
            writer.write(CsvFormat.row(columns.names()));
            int rows = 0;
            Paged<T> page = first;
            while (true) {
                for (T item : page.items()) {
                    if (rows == maxRows) {
                        break;
                    }
                    writer.write(CsvFormat.row(columns.cells(mapper.valueToTree(item))));
                    rows++;
                }
                writer.flush();
                if (rows == maxRows || page.nextCursor() == null) {
                    break;
                }
                page = read(pages, page.nextCursor());
            }
        };
        String filename = listName + "-" + LocalDate.now(ZONE).format(DateTimeFormatter.BASIC_ISO_DATE) + ".csv";
        return Response.ok(body, TEXT_CSV + "; charset=UTF-8")
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"" + filename + "\"")
                .build();
    }

    private static <T> Paged<T> read(Function<String, ? extends Paged<T>> pages, String cursor) {
        return QuarkusTransaction.requiringNew().call(() -> pages.apply(cursor));
    }

}
