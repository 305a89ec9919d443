package org.civicsafety.cases.casefile;

import static org.civicsafety.cases.casefile.TestImages.*;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import javax.imageio.ImageIO;
import org.apache.commons.imaging.Imaging;
import org.apache.commons.imaging.formats.tiff.TiffImageMetadata;
import org.apache.commons.imaging.formats.tiff.constants.GpsTagConstants;
import org.apache.commons.imaging.formats.tiff.constants.TiffDirectoryConstants;
import org.apache.commons.imaging.formats.tiff.constants.TiffTagConstants;
import org.junit.jupiter.api.Test;

/** Location metadata leaves photos; the pictures themselves stay intact. Plain JUnit, no Quarkus. */
class PhotoMetadataTest {

    @Test
    void jpegLosesGpsAndXmpButKeepsOrientationAndDecodes() throws Exception {
        byte[] original = jpegWithLocation();
        TiffImageMetadata before = exif(original);
        assertNotNull(before.getGpsInfo(), "the fixture carries GPS");
        assertNotNull(Imaging.getXmpXml(original), "the fixture carries XMP");
        byte[] latitude = before.findField(GpsTagConstants.GPS_TAG_GPS_LATITUDE).getByteArrayValue();

        byte[] stripped = PhotoMetadata.strip(original, "image/jpeg");

        TiffImageMetadata after = exif(stripped);
        assertNotNull(after, "EXIF other than GPS stays");
        assertNull(after.findDirectory(TiffDirectoryConstants.DIRECTORY_TYPE_GPS));
        assertNull(after.getGpsInfo());
        assertEquals((short) 6, ((Number) after.getFieldValue(TiffTagConstants.TIFF_TAG_ORIENTATION)).shortValue());
        assertFalse(contains(stripped, latitude), "the old GPS values are not left behind in the EXIF block");
        assertNull(Imaging.getXmpXml(stripped));
        assertFalse(new String(stripped, StandardCharsets.ISO_8859_1).contains("GPSLatitude"));
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(stripped));
        assertNotNull(image);
        assertEquals(48, image.getWidth());
        assertEquals(32, image.getHeight());
    }

    @Test
    void jpegWithoutMetadataIsUnchanged() throws Exception {
        byte[] plain = PhotoMetadata.strip(jpegWithLocation(), "image/jpeg");
        byte[] again = PhotoMetadata.strip(plain, "image/jpeg");
        assertArrayEquals(plain, again);
    }

    @Test
    void pngLosesTextAndExifChunksAndDecodes() throws Exception {
        byte[] original = pngWithLocation();
        assertTrue(pngChunkTypes(original).containsAll(List.of("tEXt", "eXIf")), "the fixture carries both");

        byte[] stripped = PhotoMetadata.strip(original, "image/png");

        List<String> types = pngChunkTypes(stripped);
        assertEquals("IHDR", types.get(0));
        assertEquals("IEND", types.get(types.size() - 1));
        assertTrue(types.contains("IDAT"));
        assertTrue(types.stream().noneMatch(List.of("tEXt", "eXIf", "iTXt", "zTXt")::contains), types.toString());
        assertFalse(contains(stripped, PNG_COMMENT.getBytes(StandardCharsets.ISO_8859_1)));
        assertArrayEquals(png(), stripped, "exactly the chunks that were added are gone");
        assertNotNull(ImageIO.read(new ByteArrayInputStream(stripped)));
    }

    @Test
    void pngDropsWhatFollowsIend() throws Exception {
        byte[] png = png();
        byte[] trailing = Arrays.copyOf(png, png.length + 20);
        System.arraycopy(PNG_COMMENT.getBytes(StandardCharsets.ISO_8859_1), 0, trailing, png.length, 20);
        assertArrayEquals(png, PhotoMetadata.strip(trailing, "image/png"));
    }

    @Test
    void damagedImagesAreRefusedRatherThanStoredUnchecked() throws Exception {
        byte[] png = pngWithLocation();
        byte[] cut = Arrays.copyOf(png, 8 + 12 + 13 + 10); // inside the tEXt chunk
        assertThrows(PhotoMetadata.UnreadableImage.class, () -> PhotoMetadata.strip(cut, "image/png"));
        byte[] jpeg = {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xE1, 0x7F, 0x7F, 'E', 'x', 'i', 'f'};
        assertThrows(PhotoMetadata.UnreadableImage.class, () -> PhotoMetadata.strip(jpeg, "image/jpeg"));
    }

    @Test
    void pdfIsStoredAsItIs() throws Exception {
        byte[] pdf = "%PDF-1.4\n% GPS 39.909 116.397\n".getBytes(StandardCharsets.ISO_8859_1);
        assertSame(pdf, PhotoMetadata.strip(pdf, "application/pdf"));
    }
}
