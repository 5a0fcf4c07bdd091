package io.gridloop.media;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.zip.CRC32;

import javax.imageio.ImageIO;

import org.apache.commons.imaging.common.RationalNumber;
import org.apache.commons.imaging.formats.jpeg.exif.ExifRewriter;
import org.apache.commons.imaging.formats.jpeg.xmp.JpegXmpRewriter;
import org.apache.commons.imaging.formats.tiff.constants.ExifTagConstants;
import org.apache.commons.imaging.formats.tiff.constants.GpsTagConstants;
import org.apache.commons.imaging.formats.tiff.constants.TiffTagConstants;
import org.apache.commons.imaging.formats.tiff.write.TiffOutputDirectory;
import org.apache.commons.imaging.formats.tiff.write.TiffOutputSet;

/**
 * Files as phones and hostile clients send them, made here with ImageIO and Apache Commons Imaging: a
 * photo carrying GPS, the camera's serial and its owner in EXIF and XMP, as a phone writes them.
 */
public final class Photos {

    /** Where the photo was taken: 30°12'9.04428" N, 120°6'30.6" E (grid 2 of the demo district). */
    static final RationalNumber[] LATITUDE = { new RationalNumber(30, 1), new RationalNumber(12, 1), new RationalNumber(904428, 100000) };
    static final RationalNumber[] LONGITUDE = { new RationalNumber(120, 1), new RationalNumber(6, 1), new RationalNumber(306, 10) };
    static final String SERIAL = "SN-GRIDLOOP-4711";
    static final String OWNER = "Zhang San 张三";
    static final String XMP_MARK = "gridloop-xmp-creator";

    private Photos() {
    }

    /** A JPEG photo of {@code width}×{@code height} pixels, its EXIF orientation {@code orientation}, with GPS, serial, owner and XMP. */
    static byte[] jpegWithLocation(int width, int height, int orientation) {
        try {
            byte[] plain = jpeg(width, height, Color.ORANGE);
            TiffOutputSet exif = new TiffOutputSet();
            TiffOutputDirectory root = exif.getOrCreateRootDirectory();
            root.add(TiffTagConstants.TIFF_TAG_ORIENTATION, (short) orientation);
            root.add(TiffTagConstants.TIFF_TAG_MAKE, "GridPhone");
            TiffOutputDirectory details = exif.getOrCreateExifDirectory();
            details.add(ExifTagConstants.EXIF_TAG_BODY_SERIAL_NUMBER, SERIAL);
            details.add(ExifTagConstants.EXIF_TAG_CAMERA_OWNER_NAME, OWNER);
            TiffOutputDirectory gps = exif.getOrCreateGpsDirectory();
            gps.add(GpsTagConstants.GPS_TAG_GPS_LATITUDE_REF, "N");
            gps.add(GpsTagConstants.GPS_TAG_GPS_LATITUDE, LATITUDE);
            gps.add(GpsTagConstants.GPS_TAG_GPS_LONGITUDE_REF, "E");
            gps.add(GpsTagConstants.GPS_TAG_GPS_LONGITUDE, LONGITUDE);
            ByteArrayOutputStream withExif = new ByteArrayOutputStream();
            new ExifRewriter().updateExifMetadataLossless(plain, withExif, exif);
            ByteArrayOutputStream withXmp = new ByteArrayOutputStream();
            new JpegXmpRewriter().updateXmpXml(withExif.toByteArray(), withXmp,
                    "<x:xmpmeta xmlns:x=\"adobe:ns:meta/\"><rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\">"
                            + "<rdf:Description xmlns:xmp=\"http://ns.adobe.com/xap/1.0/\" xmp:CreatorTool=\"" + XMP_MARK + "\"/>"
                            + "</rdf:RDF></x:xmpmeta>");
            return withXmp.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static byte[] jpeg(int width, int height, Color color) {
        return encode(image(width, height, color, BufferedImage.TYPE_3BYTE_BGR), "jpeg");
    }

    public static byte[] png(int width, int height, Color color) {
        return encode(image(width, height, color, BufferedImage.TYPE_INT_ARGB), "png");
    }

    /** A picture whose top-left quarter is black, so which way is up can be seen in the pixels. */
    private static BufferedImage image(int width, int height, Color color, int type) {
        BufferedImage image = new BufferedImage(width, height, type);
        Graphics2D g = image.createGraphics();
        g.setColor(color);
        g.fillRect(0, 0, width, height);
        g.setColor(Color.BLACK);
        g.fillRect(0, 0, width / 2, height / 2);
        g.dispose();
        return image;
    }

    private static byte[] encode(BufferedImage image, String format) {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ImageIO.write(image, format, out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A PNG that declares {@code width}×{@code height} pixels (a decompression bomb at large sizes) around one tiny IDAT. */
    static byte[] pngDeclaring(int width, int height) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(new byte[] { (byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n' });
        ByteBuffer header = ByteBuffer.allocate(13).order(ByteOrder.BIG_ENDIAN).putInt(width).putInt(height)
                .put((byte) 8).put((byte) 2).put((byte) 0).put((byte) 0).put((byte) 0);
        chunk(out, "IHDR", header.array());
        chunk(out, "IDAT", new byte[] { 0x78, (byte) 0x9C, 0x03, 0x00, 0x00, 0x00, 0x00, 0x01 });
        chunk(out, "IEND", new byte[0]);
        return out.toByteArray();
    }

    private static void chunk(ByteArrayOutputStream out, String type, byte[] data) {
        byte[] name = type.getBytes(StandardCharsets.US_ASCII);
        out.writeBytes(ByteBuffer.allocate(4).putInt(data.length).array());
        CRC32 crc = new CRC32();
        crc.update(name);
        crc.update(data);
        out.writeBytes(name);
        out.writeBytes(data);
        out.writeBytes(ByteBuffer.allocate(4).putInt((int) crc.getValue()).array());
    }

    /** A minimal, whole PDF of one empty page. */
    public static byte[] pdf() {
        String body = "%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n"
                + "3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 200 200]>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n";
        return body.getBytes(StandardCharsets.US_ASCII);
    }

    /** A whole PDF of {@code size} bytes: the one-page PDF with a comment making up the rest. */
    static byte[] pdfOf(int size) {
        byte[] page = pdf();
        byte[] whole = new byte[size];
        int header = "%PDF-1.4\n".length();
        System.arraycopy(page, 0, whole, 0, header);
        int filler = size - page.length;
        whole[header] = '%';
        Arrays.fill(whole, header + 1, header + filler - 1, (byte) 'x');
        whole[header + filler - 1] = '\n';
        System.arraycopy(page, header, whole, header + filler, page.length - header);
        return whole;
    }

    static byte[] concat(byte[] first, byte[] second) {
        byte[] both = new byte[first.length + second.length];
        System.arraycopy(first, 0, both, 0, first.length);
        System.arraycopy(second, 0, both, first.length, second.length);
        return both;
    }

    /** The bytes of a ZIP archive's end record: what an archive appended to a photo ends with. */
    static byte[] zipTail() {
        byte[] local = { 'P', 'K', 3, 4, 20, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 'a' };
        byte[] end = { 'P', 'K', 5, 6, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0 };
        return concat(local, end);
    }

    /** Whether {@code needle} occurs in {@code haystack}. */
    static boolean contains(byte[] haystack, byte[] needle) {
        outer: for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }

    /** The latitude as EXIF writes its three rationals, in either byte order. */
    static byte[][] latitudeBytes() {
        byte[][] both = new byte[2][];
        int i = 0;
        for (ByteOrder order : new ByteOrder[] { ByteOrder.BIG_ENDIAN, ByteOrder.LITTLE_ENDIAN }) {
            ByteBuffer buffer = ByteBuffer.allocate(24).order(order);
            for (RationalNumber part : LATITUDE) {
                buffer.putInt((int) part.numerator).putInt((int) part.divisor);
            }
            both[i++] = buffer.array();
        }
        return both;
    }
}
