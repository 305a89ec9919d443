package org.civicsafety.cases.casefile;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Set;
import org.apache.commons.imaging.Imaging;
import org.apache.commons.imaging.formats.jpeg.JpegImageMetadata;
import org.apache.commons.imaging.formats.jpeg.exif.ExifRewriter;
import org.apache.commons.imaging.formats.jpeg.xmp.JpegXmpRewriter;
import org.apache.commons.imaging.formats.tiff.TiffImageMetadata;
import org.apache.commons.imaging.formats.tiff.constants.TiffDirectoryConstants;
import org.apache.commons.imaging.formats.tiff.write.TiffOutputDirectory;
import org.apache.commons.imaging.formats.tiff.write.TiffOutputSet;

/**
 * Removes where a photo was taken before it is stored: a petitioner's snapshot must not reveal their
 * home to everyone who may open the case. JPEG loses its EXIF GPS directory (the rest of EXIF, e.g.
 * Orientation, stays) and its XMP; PNG loses its text and EXIF chunks. Image data is never re-encoded.
 * Other media types are returned as they are.
 */
public final class PhotoMetadata {

    /** The image cannot be parsed far enough to know that its metadata is gone. */
    public static final class UnreadableImage extends Exception {
        UnreadableImage(String message, Throwable cause) {
            super(message, cause, false, false);
        }
    }

    private static final byte[] PNG_SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A};
    /** eXIf may hold GPS; the text chunks may hold XMP (with GPS) or free-form comments. */
    private static final Set<String> PNG_METADATA_CHUNKS = Set.of("eXIf", "iTXt", "tEXt", "zTXt");

    private PhotoMetadata() {}

    public static byte[] strip(byte[] content, String mediaType) throws UnreadableImage {
        return switch (mediaType) {
            case "image/jpeg" -> jpeg(content);
            case "image/png" -> png(content);
            default -> content;
        };
    }

    private interface Rewrite {
        void apply(byte[] in, OutputStream out) throws IOException;
    }

    private static byte[] jpeg(byte[] in) throws UnreadableImage {
        byte[] withoutGps;
        try {
            withoutGps = withoutGpsDirectory(in);
        } catch (IOException | RuntimeException e) {
            // An EXIF block the parser cannot rewrite (crafted input may throw anything) is dropped whole.
            withoutGps = rewrite(in, (src, out) -> new ExifRewriter().removeExifMetadata(src, out));
        }
        return rewrite(withoutGps, (src, out) -> new JpegXmpRewriter().removeXmpXml(src, out));
    }

    private static byte[] withoutGpsDirectory(byte[] in) throws IOException {
        TiffImageMetadata exif = Imaging.getMetadata(in) instanceof JpegImageMetadata m ? m.getExif() : null;
        if (exif == null) {
            return in;
        }
        TiffOutputSet all = exif.getOutputSet();
        if (all.getGpsDirectory() == null) {
            return in;
        }
        // TiffOutputSet cannot drop a directory; a copy without it also loses the GPS pointer of IFD0,
        // which the writer derives from the directories present.
        TiffOutputSet kept = new TiffOutputSet(all.byteOrder);
        for (TiffOutputDirectory d : all) {
            if (d.getType() != TiffDirectoryConstants.DIRECTORY_TYPE_GPS) {
                kept.addDirectory(d);
            }
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(in.length);
        new ExifRewriter().updateExifMetadataLossless(in, out, kept);
        return out.toByteArray();
    }

    private static byte[] rewrite(byte[] in, Rewrite rewrite) throws UnreadableImage {
        ByteArrayOutputStream out = new ByteArrayOutputStream(in.length);
        try {
            rewrite.apply(in, out);
        } catch (IOException | RuntimeException e) {
            throw new UnreadableImage("the JPEG file is damaged", e);
        }
        return out.toByteArray();
    }

    /**
     * Copies the chunks a viewer needs up to IEND (anything after it is ignored by decoders and could
     * hide anything). A chunk cut off before its end makes the file unreadable.
     */
    private static byte[] png(byte[] in) throws UnreadableImage {
        if (!Arrays.equals(in, 0, Math.min(in.length, PNG_SIGNATURE.length), PNG_SIGNATURE, 0, PNG_SIGNATURE.length)) {
            throw new UnreadableImage("not a PNG file", null);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(in.length);
        out.write(in, 0, PNG_SIGNATURE.length);
        int at = PNG_SIGNATURE.length;
        while (at < in.length) {
            // length (4, big-endian), type (4), data (length), CRC (4)
            long length = in.length - at >= 8 ? Integer.toUnsignedLong(ByteBuffer.wrap(in, at, 4).getInt()) : -1;
            if (length < 0 || length > in.length - at - 12L) {
                throw new UnreadableImage("the PNG file is damaged: a chunk is cut off", null);
            }
            String type = new String(in, at + 4, 4, StandardCharsets.ISO_8859_1);
            int end = at + 12 + (int) length;
            if (!PNG_METADATA_CHUNKS.contains(type)) {
                out.write(in, at, end - at);
            }
            if (type.equals("IEND")) {
                break;
            }
            at = end;
        }
        return out.toByteArray();
    }
}
