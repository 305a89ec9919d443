package org.civicsafety.grid.incident;

import org.apache.commons.imaging.ImagingException;
import org.apache.commons.imaging.formats.jpeg.JpegImageParser;
import org.apache.commons.imaging.formats.jpeg.exif.ExifRewriter;
import org.apache.commons.imaging.formats.jpeg.iptc.JpegIptcRewriter;
import org.apache.commons.imaging.formats.jpeg.xmp.JpegXmpRewriter;
import org.apache.commons.imaging.formats.tiff.TiffImageMetadata;
import org.apache.commons.imaging.formats.tiff.constants.ExifTagConstants;
import org.apache.commons.imaging.formats.tiff.constants.TiffDirectoryConstants;
import org.apache.commons.imaging.formats.tiff.write.TiffOutputDirectory;
import org.apache.commons.imaging.formats.tiff.write.TiffOutputSet;
import org.apache.commons.imaging.bytesource.ByteSource;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Set;

/**
 * Removes location metadata from photos before they are stored, without re-encoding the image.
 * <ul>
 * <li>JPEG: the EXIF GPS directory (the rest of EXIF, e.g. Orientation, stays), XMP (it may repeat the GPS
 * position) and IPTC (it may name the place).</li>
 * <li>PNG: the {@code eXIf}, {@code tEXt}, {@code zTXt} and {@code iTXt} chunks (EXIF and XMP live there).</li>
 * <li>WebP: the {@code EXIF} and {@code XMP } chunks, and their flags in {@code VP8X}.</li>
 * </ul>
 * Other types (PDF) are returned unchanged. A photo whose structure cannot be read is refused rather than
 * stored with its metadata.
 */
public final class PhotoMetadata {
    /** Chunks that carry EXIF or text (XMP is an iTXt chunk). */
    private static final Set<String> PNG_METADATA = Set.of("eXIf", "tEXt", "zTXt", "iTXt");
    private static final Set<String> WEBP_METADATA = Set.of("EXIF", "XMP ");
    /** VP8X flag bits announcing EXIF (0x08) and XMP (0x04) chunks. */
    private static final int VP8X_EXIF_XMP_FLAGS = 0x08 | 0x04;

    /** The photo's structure is damaged, so its metadata cannot be removed safely. */
    public static class UnreadablePhotoException extends Exception {
        UnreadablePhotoException(String message, Throwable cause) {
            super(message, cause, false, false);
        }
    }

    private PhotoMetadata() {}

    /** @param contentType the type sniffed from the content */
    public static byte[] strip(String contentType, byte[] data) throws UnreadablePhotoException {
        try {
            return switch (contentType) {
                case "image/jpeg" -> jpeg(data);
                case "image/png" -> png(data);
                case "image/webp" -> webp(data);
                default -> data;
            };
        } catch (IOException | RuntimeException e) {
            throw new UnreadablePhotoException("damaged " + contentType, e);
        }
    }

    private static byte[] jpeg(byte[] data) throws IOException {
        byte[] out = withoutGps(data);
        ByteArrayOutputStream noXmp = new ByteArrayOutputStream(out.length);
        new JpegXmpRewriter().removeXmpXml(out, noXmp);
        ByteArrayOutputStream noIptc = new ByteArrayOutputStream(out.length);
        new JpegIptcRewriter().removeIptc(noXmp.toByteArray(), noIptc);
        return noIptc.toByteArray();
    }

    private static byte[] withoutGps(byte[] data) throws IOException {
        TiffImageMetadata exif;
        try {
            exif = new JpegImageParser().getExifMetadata(ByteSource.array(data), null);
        } catch (ImagingException e) {
            // EXIF we cannot parse might hold a position we cannot see: drop all of it
            ByteArrayOutputStream out = new ByteArrayOutputStream(data.length);
            new ExifRewriter().removeExifMetadata(data, out);
            return out.toByteArray();
        }
        if (exif == null || exif.findDirectory(TiffDirectoryConstants.DIRECTORY_TYPE_GPS) == null) {
            return data;
        }
        TiffOutputSet all = exif.getOutputSet();
        TiffOutputSet kept = new TiffOutputSet(all.byteOrder);
        for (TiffOutputDirectory d : all.getDirectories()) {
            if (d.getType() != TiffDirectoryConstants.DIRECTORY_TYPE_GPS) {
                kept.addDirectory(d);
            }
        }
        if (kept.getRootDirectory() != null) {
            kept.getRootDirectory().removeField(ExifTagConstants.EXIF_TAG_GPSINFO);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(data.length);
        new ExifRewriter().updateExifMetadataLossless(data, out, kept);
        return out.toByteArray();
    }

    /** Copies the PNG chunk by chunk up to IEND, leaving out the metadata chunks (lossless, CRCs unchanged). */
    private static byte[] png(byte[] data) throws IOException {
        ByteBuffer in = ByteBuffer.wrap(data).order(ByteOrder.BIG_ENDIAN);
        ByteArrayOutputStream out = new ByteArrayOutputStream(data.length);
        out.write(data, 0, 8);
        in.position(8);
        while (true) {
            int start = in.position();
            long length = Integer.toUnsignedLong(need(in, 8).getInt());
            String type = fourCc(data, start + 4);
            long end = start + 12 + length;
            if (end > data.length) {
                throw new IOException("PNG chunk " + type + " is truncated");
            }
            if (!PNG_METADATA.contains(type)) {
                out.write(data, start, (int) (end - start));
            }
            in.position((int) end);
            if (type.equals("IEND")) {
                return out.toByteArray();
            }
        }
    }

    /** Copies the RIFF chunks of a WebP without EXIF/XMP, then fixes the RIFF size and the VP8X flags. */
    private static byte[] webp(byte[] data) throws IOException {
        ByteBuffer in = ByteBuffer.wrap(data).order(ByteOrder.LITTLE_ENDIAN);
        long riffEnd = 8 + Integer.toUnsignedLong(need(in, 8).getInt(4));
        if (riffEnd > data.length) {
            throw new IOException("RIFF size exceeds the file");
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(data.length);
        out.write(data, 0, 12);
        int vp8xFlags = -1;
        int pos = 12;
        while (pos < riffEnd) {
            in.position(pos);
            long size = Integer.toUnsignedLong(need(in, 8).getInt(pos + 4));
            String type = fourCc(data, pos);
            long end = pos + 8 + size + (size & 1);
            if (end > riffEnd) {
                throw new IOException("WebP chunk " + type + " is truncated");
            }
            if (!WEBP_METADATA.contains(type)) {
                if (type.equals("VP8X") && size > 0) {
                    vp8xFlags = out.size() + 8;
                }
                out.write(data, pos, (int) (end - pos));
            }
            pos = (int) end;
        }
        byte[] result = out.toByteArray();
        ByteBuffer.wrap(result).order(ByteOrder.LITTLE_ENDIAN).putInt(4, result.length - 8);
        if (vp8xFlags >= 0) {
            result[vp8xFlags] &= (byte) ~VP8X_EXIF_XMP_FLAGS;
        }
        return result;
    }

    private static ByteBuffer need(ByteBuffer in, int bytes) throws IOException {
        if (in.remaining() < bytes) {
            throw new IOException("unexpected end of file");
        }
        return in;
    }

    private static String fourCc(byte[] data, int at) {
        return new String(data, at, 4, StandardCharsets.ISO_8859_1);
    }
}
