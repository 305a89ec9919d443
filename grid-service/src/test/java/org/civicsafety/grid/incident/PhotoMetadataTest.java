package org.civicsafety.grid.incident;

import org.apache.commons.imaging.Imaging;
import org.apache.commons.imaging.formats.jpeg.JpegImageMetadata;
import org.apache.commons.imaging.formats.jpeg.exif.ExifRewriter;
import org.apache.commons.imaging.formats.jpeg.xmp.JpegXmpRewriter;
import org.apache.commons.imaging.formats.tiff.constants.TiffDirectoryConstants;
import org.apache.commons.imaging.formats.tiff.constants.TiffTagConstants;
import org.apache.commons.imaging.formats.tiff.write.TiffOutputSet;
import org.junit.jupiter.api.Test;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.zip.CRC32;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Plain unit tests (no Quarkus) of removing location metadata from photos. */
class PhotoMetadataTest {

    static byte[] image(String format) throws Exception {
        BufferedImage img = new BufferedImage(40, 30, BufferedImage.TYPE_INT_RGB);
        img.setRGB(3, 4, 0xFF8800);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        assertTrue(ImageIO.write(img, format, out));
        return out.toByteArray();
    }

    /** A JPEG with EXIF Orientation and a GPS position, plus an XMP packet repeating the position. */
    static byte[] jpegWithGps() throws Exception {
        TiffOutputSet exif = new TiffOutputSet();
        exif.getOrCreateRootDirectory().add(TiffTagConstants.TIFF_TAG_ORIENTATION, (short) 6);
        exif.setGpsInDegrees(113.95, 22.57);
        ByteArrayOutputStream withExif = new ByteArrayOutputStream();
        new ExifRewriter().updateExifMetadataLossless(image("jpg"), withExif, exif);
        ByteArrayOutputStream withXmp = new ByteArrayOutputStream();
        new JpegXmpRewriter().updateXmpXml(withExif.toByteArray(), withXmp,
                "<x:xmpmeta xmlns:x='adobe:ns:meta/'><exif:GPSLatitude>22,34.2N</exif:GPSLatitude></x:xmpmeta>");
        return withXmp.toByteArray();
    }

    @Test
    void jpegLosesGpsAndXmpButKeepsOrientationAndStaysDecodable() throws Exception {
        byte[] original = jpegWithGps();
        JpegImageMetadata before = (JpegImageMetadata) Imaging.getMetadata(original);
        assertNotNull(before.getExif().getGpsInfo(), "the fixture carries a position");
        assertNotNull(Imaging.getXmpXml(original));

        byte[] stripped = PhotoMetadata.strip("image/jpeg", original);

        JpegImageMetadata after = (JpegImageMetadata) Imaging.getMetadata(stripped);
        assertNull(after.getExif().getGpsInfo());
        assertNull(after.getExif().findDirectory(TiffDirectoryConstants.DIRECTORY_TYPE_GPS));
        assertEquals(6, after.findExifValue(TiffTagConstants.TIFF_TAG_ORIENTATION).getIntValue());
        assertNull(Imaging.getXmpXml(stripped));
        assertFalse(new String(stripped, StandardCharsets.ISO_8859_1).contains("GPSLatitude"));
        BufferedImage decoded = ImageIO.read(new ByteArrayInputStream(stripped));
        assertNotNull(decoded);
        assertEquals(40, decoded.getWidth());
    }

    @Test
    void jpegWithoutMetadataIsStillAnImage() throws Exception {
        byte[] stripped = PhotoMetadata.strip("image/jpeg", image("jpg"));
        assertNotNull(ImageIO.read(new ByteArrayInputStream(stripped)));
    }

    static byte[] chunk(String type, byte[] data) {
        ByteBuffer b = ByteBuffer.allocate(12 + data.length);
        b.putInt(data.length).put(type.getBytes(StandardCharsets.ISO_8859_1)).put(data);
        CRC32 crc = new CRC32();
        crc.update(b.array(), 4, 4 + data.length);
        return b.putInt((int) crc.getValue()).array();
    }

    @Test
    void pngLosesExifAndTextChunksOnly() throws Exception {
        byte[] plain = image("png");
        // insert metadata chunks right after IHDR (8-byte signature + 25-byte IHDR chunk)
        ByteArrayOutputStream tagged = new ByteArrayOutputStream();
        tagged.write(plain, 0, 33);
        tagged.write(chunk("eXIf", "MM\0*GPS".getBytes(StandardCharsets.ISO_8859_1)));
        tagged.write(chunk("tEXt", "Comment\0at 22.57,113.95".getBytes(StandardCharsets.ISO_8859_1)));
        tagged.write(chunk("iTXt", "XML:com.adobe.xmp\0\0\0\0\0<x/>".getBytes(StandardCharsets.ISO_8859_1)));
        tagged.write(chunk("zTXt", "Raw\0\0x".getBytes(StandardCharsets.ISO_8859_1)));
        tagged.write(plain, 33, plain.length - 33);
        assertNotNull(ImageIO.read(new ByteArrayInputStream(tagged.toByteArray())));

        byte[] stripped = PhotoMetadata.strip("image/png", tagged.toByteArray());

        assertArrayEquals(plain, stripped);
        assertNotNull(ImageIO.read(new ByteArrayInputStream(stripped)));
    }

    @Test
    void webpLosesExifAndXmpChunksAndTheirFlags() throws Exception {
        byte[] vp8x = new byte[10];
        vp8x[0] = 0x08 | 0x04 | 0x10; // EXIF, XMP and alpha
        byte[] image = {1, 2, 3};
        ByteArrayOutputStream chunks = new ByteArrayOutputStream();
        chunks.write(riffChunk("VP8X", vp8x));
        chunks.write(riffChunk("VP8L", image));
        chunks.write(riffChunk("EXIF", "MM\0*GPS".getBytes(StandardCharsets.ISO_8859_1)));
        chunks.write(riffChunk("XMP ", "<x:xmpmeta/>".getBytes(StandardCharsets.ISO_8859_1)));

        byte[] stripped = PhotoMetadata.strip("image/webp", riff(chunks.toByteArray()));

        byte[] expectedVp8x = vp8x.clone();
        expectedVp8x[0] = 0x10;
        ByteArrayOutputStream expected = new ByteArrayOutputStream();
        expected.write(riffChunk("VP8X", expectedVp8x));
        expected.write(riffChunk("VP8L", image));
        assertArrayEquals(riff(expected.toByteArray()), stripped);
    }

    static byte[] riffChunk(String type, byte[] data) {
        ByteBuffer b = ByteBuffer.allocate(8 + data.length + (data.length & 1)).order(ByteOrder.LITTLE_ENDIAN);
        return b.put(type.getBytes(StandardCharsets.ISO_8859_1)).putInt(data.length).put(data).array();
    }

    static byte[] riff(byte[] chunks) {
        ByteBuffer b = ByteBuffer.allocate(12 + chunks.length).order(ByteOrder.LITTLE_ENDIAN);
        return b.put("RIFF".getBytes(StandardCharsets.ISO_8859_1)).putInt(4 + chunks.length)
                .put("WEBP".getBytes(StandardCharsets.ISO_8859_1)).put(chunks).array();
    }

    @Test
    void damagedPhotosAreRefusedAndPdfsPassUnchanged() throws Exception {
        byte[] png = image("png");
        assertThrows(PhotoMetadata.UnreadablePhotoException.class,
                () -> PhotoMetadata.strip("image/png", Arrays.copyOf(png, 20)));
        byte[] jpeg = image("jpg");
        assertThrows(PhotoMetadata.UnreadablePhotoException.class,
                () -> PhotoMetadata.strip("image/jpeg", Arrays.copyOf(jpeg, 3)));
        byte[] pdf = "%PDF-1.4 whatever".getBytes(StandardCharsets.ISO_8859_1);
        assertArrayEquals(pdf, PhotoMetadata.strip("application/pdf", pdf));
    }
}
