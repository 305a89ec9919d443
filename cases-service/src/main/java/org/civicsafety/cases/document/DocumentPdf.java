package org.civicsafety.cases.document;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.GregorianCalendar;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TimeZone;
import org.apache.pdfbox.cos.COSArray;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.cos.COSString;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDDocumentInformation;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDType0Font;

/**
 * Lays a document — a written notice, a mediation agreement — out as an A4 PDF in the shipped fonts ({@code fonts/README.md}: DejaVu Sans for Latin text,
 * Droid Sans Fallback, Apache-2.0, for Chinese), embedding only the glyphs it uses. Everything in it comes from what the caller stored —
 * the texts, the issue time as the document's dates, the document's id as the file identifier — so the same
 * document gives the same bytes every time.
 */
public final class DocumentPdf {

    /** The lines of a document, in order: the issuing office, heading, meta lines, body paragraphs, the footer. */
    public record Content(String title, String office, String heading, List<String> meta, List<String> body,
            List<String> footer) {}

    private static final byte[] LATIN = load("/fonts/DejaVuSans.ttf");
    private static final byte[] CJK = load("/fonts/DroidSansFallbackFull.ttf");
    private static final float MARGIN = 64;
    private static final float BODY_SIZE = 12;
    private static final float LEADING = 1.6f;
    /** CJK radicals and everything above: text without spaces between words. */
    private static final int CJK_START = 0x2E80;

    private DocumentPdf() {}

    public static byte[] render(Content c, java.util.UUID documentId, java.time.Instant issuedAt) {
        try (PDDocument doc = new PDDocument()) {
            Writer w = new Writer(doc);
            w.centered(c.office(), 14);
            w.gap(6);
            w.centered(c.heading(), 20);
            w.gap(14);
            c.meta().forEach(line -> w.paragraph(line, BODY_SIZE));
            w.gap(10);
            c.body().forEach(p -> {
                w.paragraph(p, BODY_SIZE);
                w.gap(4);
            });
            w.gap(24);
            c.footer().forEach(line -> w.paragraph(line, 10));
            w.close();

            PDDocumentInformation info = doc.getDocumentInformation();
            GregorianCalendar issued = new GregorianCalendar(TimeZone.getTimeZone("Asia/Shanghai"), Locale.ROOT);
            issued.setTimeInMillis(issuedAt.toEpochMilli() / 1000 * 1000);
            info.setTitle(c.title());
            info.setCreator("cases-service");
            info.setProducer("cases-service");
            info.setCreationDate(issued);
            info.setModificationDate(issued);
            // The file identifier is otherwise drawn from the clock: the notice's own id keeps the bytes stable.
            byte[] id = ByteBuffer.allocate(16).putLong(documentId.getMostSignificantBits())
                    .putLong(documentId.getLeastSignificantBits()).array();
            COSArray ids = new COSArray();
            ids.add(new COSString(id));
            ids.add(new COSString(id));
            doc.getDocument().getTrailer().setItem(COSName.ID, ids);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            doc.save(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes lines down the pages, wrapping at the margin and starting a new page when one is full. */
    private static final class Writer {
        private final PDDocument doc;
        /** Latin first, then CJK: each character is shown in the first font that has its glyph. */
        private final List<PDType0Font> fonts;
        private final Map<Integer, PDType0Font> fontOf = new HashMap<>();
        private final float width = PDRectangle.A4.getWidth() - 2 * MARGIN;
        private PDPageContentStream stream;
        private float y;

        Writer(PDDocument doc) throws IOException {
            this.doc = doc;
            this.fonts = List.of(PDType0Font.load(doc, new ByteArrayInputStream(LATIN), true),
                    PDType0Font.load(doc, new ByteArrayInputStream(CJK), true));
            newPage();
        }

        void gap(float points) {
            y -= points;
        }

        void centered(String text, float size) {
            for (String line : wrap(printable(text), size)) {
                show(line, size, MARGIN + (width - textWidth(line, size)) / 2);
            }
        }

        void paragraph(String text, float size) {
            for (String para : text.split("\n")) {
                for (String line : wrap(printable(para), size)) {
                    show(line, size, MARGIN);
                }
            }
        }

        private void show(String line, float size, float x) {
            try {
                if (y - size * LEADING < MARGIN) {
                    stream.close();
                    newPage();
                }
                y -= size * LEADING;
                stream.beginText();
                stream.newLineAtOffset(x, y);
                for (Run run : runs(line)) {
                    stream.setFont(run.font(), size);
                    stream.showText(run.text());
                }
                stream.endText();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        private void newPage() throws IOException {
            PDPage page = new PDPage(PDRectangle.A4);
            doc.addPage(page);
            stream = new PDPageContentStream(doc, page);
            y = PDRectangle.A4.getHeight() - MARGIN;
        }

        void close() throws IOException {
            stream.close();
        }

        /** Breaks before the character that would cross the margin, a Latin word at the space before it. */
        private List<String> wrap(String text, float size) {
            List<String> lines = new ArrayList<>();
            StringBuilder line = new StringBuilder();
            int lastSpace = -1;
            for (int i = 0; i < text.length();) {
                int cp = text.codePointAt(i);
                line.appendCodePoint(cp);
                if (cp == ' ') {
                    lastSpace = line.length() - 1;
                }
                if (textWidth(line.toString(), size) > width) {
                    // Latin words break at a space; Chinese text between any two characters
                    boolean word = cp < CJK_START && lastSpace > 0;
                    int cut = word ? lastSpace + 1 : line.length() - Character.charCount(cp);
                    lines.add(line.substring(0, cut).stripTrailing());
                    line.delete(0, cut);
                    lastSpace = line.lastIndexOf(" ");
                }
                i += Character.charCount(cp);
            }
            if (!line.isEmpty() || lines.isEmpty()) {
                lines.add(line.toString());
            }
            return lines;
        }

        private float textWidth(String text, float size) {
            float w = 0;
            try {
                for (Run run : runs(text)) {
                    w += run.font().getStringWidth(run.text()) / 1000 * size;
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return w;
        }

        /** A stretch of text in one font. */
        private record Run(PDType0Font font, String text) {}

        private List<Run> runs(String text) {
            List<Run> runs = new ArrayList<>();
            StringBuilder run = new StringBuilder();
            PDType0Font current = null;
            for (int i = 0; i < text.length();) {
                int cp = text.codePointAt(i);
                PDType0Font font = fontOf.get(cp);
                if (font != current && !run.isEmpty()) {
                    runs.add(new Run(current, run.toString()));
                    run.setLength(0);
                }
                current = font;
                run.appendCodePoint(cp);
                i += Character.charCount(cp);
            }
            if (!run.isEmpty()) {
                runs.add(new Run(current, run.toString()));
            }
            return runs;
        }

        /** Each character with the font that shows it; one no font has (or a control character) becomes '?'. */
        private String printable(String text) {
            StringBuilder out = new StringBuilder();
            text.codePoints().forEach(cp -> {
                PDType0Font font = Character.isISOControl(cp) ? null
                        : fontOf.computeIfAbsent(cp, c -> fonts.stream().filter(f -> hasGlyph(f, c)).findFirst()
                                .orElse(null));
                if (font == null) {
                    fontOf.put((int) '?', fonts.get(0));
                    out.append('?');
                } else {
                    out.appendCodePoint(cp);
                }
            });
            return out.toString();
        }

        private static boolean hasGlyph(PDType0Font font, int cp) {
            try {
                font.encode(Character.toString(cp));
                return true;
            } catch (IllegalArgumentException | IOException e) {
                return false;
            }
        }
    }

    private static byte[] load(String resource) {
        try (InputStream in = DocumentPdf.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing " + resource);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
