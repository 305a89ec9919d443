package org.civicsafety.cases.casefile;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32;
import javax.imageio.ImageIO;
import org.apache.commons.imaging.Imaging;
import org.apache.commons.imaging.formats.jpeg.JpegImageMetadata;
import org.apache.commons.imaging.formats.jpeg.exif.ExifRewriter;
import org.apache.commons.imaging.formats.jpeg.xmp.JpegXmpRewriter;
import org.apache.commons.imaging.formats.tiff.TiffImageMetadata;
import org.apache.commons.imaging.formats.tiff.constants.TiffTagConstants;
import org.apache.commons.imaging.formats.tiff.write.TiffOutputSet;

/** Small photos carrying location metadata, built in memory, and ways to look inside them. */
public final class TestImages {

    /** Tiananmen Square, as a phone would record it. */
    public static final double LONGITUDE = 116.397;
    public static final double LATITUDE = 39.909;
    public static final String XMP = """
            <x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
            <rdf:Description xmlns:exif="http://ns.adobe.com/exif/1.0/" exif:GPSLatitude="39,54.54N"
             exif:GPSLongitude="116,23.82E"/></rdf:RDF></x:xmpmeta>""";
    public static final String PNG_COMMENT = "Location: 39.909N 116.397E";

    private TestImages() {}

    private static BufferedImage picture() {
        BufferedImage img = new BufferedImage(48, 32, BufferedImage.TYPE_INT_RGB);
        for (int x = 0; x < img.getWidth(); x++) {
            for (int y = 0; y < img.getHeight(); y++) {
                img.setRGB(x, y, (x * 5) << 16 | (y * 7) << 8 | 0x40);
            }
        }
        return img;
    }

    private static byte[] encode(String format) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(picture(), format, out);
        return out.toByteArray();
    }

    /** A JPEG with EXIF Orientation 6, an EXIF GPS directory and XMP naming the same place. */
    public static byte[] jpegWithLocation() throws IOException {
        TiffOutputSet exif = new TiffOutputSet();
        exif.getOrCreateRootDirectory().add(TiffTagConstants.TIFF_TAG_ORIENTATION, (short) 6);
        exif.setGpsInDegrees(LONGITUDE, LATITUDE);
        ByteArrayOutputStream withExif = new ByteArrayOutputStream();
        new ExifRewriter().updateExifMetadataLossy(encode("jpg"), withExif, exif);
        ByteArrayOutputStream withXmp = new ByteArrayOutputStream();
        new JpegXmpRewriter().updateXmpXml(withExif.toByteArray(), withXmp, XMP);
        return withXmp.toByteArray();
    }

    public static TiffImageMetadata exif(byte[] jpeg) throws IOException {
        return Imaging.getMetadata(jpeg) instanceof JpegImageMetadata m ? m.getExif() : null;
    }

    /** A PNG with a tEXt comment and an eXIf chunk (both naming a place) after its header. */
    public static byte[] pngWithLocation() throws IOException {
        byte[] png = encode("png");
        int afterHeader = 8 + 12 + 13; // signature, IHDR
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(png, 0, afterHeader);
        out.write(chunk("tEXt", ("Comment\0" + PNG_COMMENT).getBytes(StandardCharsets.ISO_8859_1)));
        out.write(chunk("eXIf", ("MM\0*" + PNG_COMMENT).getBytes(StandardCharsets.ISO_8859_1)));
        out.write(png, afterHeader, png.length - afterHeader);
        return out.toByteArray();
    }

    public static byte[] png() throws IOException {
        return encode("png");
    }

    private static byte[] chunk(String type, byte[] data) {
        byte[] typeBytes = type.getBytes(StandardCharsets.ISO_8859_1);
        CRC32 crc = new CRC32();
        crc.update(typeBytes);
        crc.update(data);
        return ByteBuffer.allocate(12 + data.length).putInt(data.length).put(typeBytes).put(data)
                .putInt((int) crc.getValue()).array();
    }

    public static List<String> pngChunkTypes(byte[] png) {
        List<String> types = new ArrayList<>();
        ByteBuffer b = ByteBuffer.wrap(png);
        b.position(8);
        while (b.remaining() >= 12) {
            int length = b.getInt();
            byte[] type = new byte[4];
            b.get(type);
            types.add(new String(type, StandardCharsets.ISO_8859_1));
            b.position(b.position() + length + 4);
        }
        return types;
    }

    /** Whether {@code needle} occurs anywhere in {@code haystack}. */
    public static boolean contains(byte[] haystack, byte[] needle) {
        outer : for (int i = 0; i <= haystack.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }
}
