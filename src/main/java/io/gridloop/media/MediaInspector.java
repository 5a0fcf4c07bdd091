package io.gridloop.media;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.AffineTransform;
import java.awt.image.BufferedImage;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.Set;
import java.util.concurrent.Semaphore;

import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.ImageOutputStream;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.tika.Tika;

import com.drew.imaging.ImageMetadataReader;
import com.drew.imaging.ImageProcessingException;
import com.drew.metadata.MetadataException;
import com.drew.metadata.exif.ExifIFD0Directory;

import io.gridloop.shared.problem.ProblemException;
import io.gridloop.shared.problem.ProblemType;

/**
 * Decides what an upload is from its bytes alone (Tika's magic numbers; the name and the declared type
 * are never read) and makes what is stored from it. An image is decoded (after its declared size was
 * checked against the limits, so a decompression bomb is refused before any pixel is decoded), turned
 * upright by its EXIF orientation and encoded anew: the stored file carries the pixels and nothing
 * else of the upload, no EXIF (GPS, serial numbers, owner, maker notes), XMP, IPTC, comment or text
 * chunk, and none of what a polyglot hides in them. A PDF is stored as sent, once it is whole.
 */
@ApplicationScoped
class MediaInspector {

    static final String JPEG = "image/jpeg";
    static final String PNG = "image/png";
    static final String WEBP = "image/webp";
    static final String PDF = "application/pdf";
    private static final Set<String> HEIF = Set.of("image/heic", "image/heif", "image/heic-sequence", "image/heif-sequence");
    private static final byte[] PDF_HEADER = "%PDF-".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] PDF_END = "%%EOF".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] PNG_END = { 0, 0, 0, 0, 'I', 'E', 'N', 'D', (byte) 0xAE, 0x42, 0x60, (byte) 0x82 };
    /** PDF readers look for their header this far into a file: so far no image may carry one. */
    private static final int PDF_HEADER_WINDOW = 1024;
    private static final float JPEG_QUALITY = 0.9f;

    private final Tika tika = new Tika();
    private final long maxPixels;
    private final int maxSide;
    private final int thumbnailSide;
    private final Semaphore decoding;

    MediaInspector(MediaConfig config) {
        this.maxPixels = config.maxPixels();
        this.maxSide = config.maxSide();
        this.thumbnailSide = config.thumbnailSide();
        this.decoding = new Semaphore(config.decodeConcurrency(), true);
    }

    /** What the bytes of the file are, by their magic numbers only. */
    String detect(Path file) throws IOException {
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file))) {
            return tika.detect(in);
        }
    }

    Inspected inspect(Path upload) throws IOException {
        String type = detect(upload);
        if (HEIF.contains(type)) {
            throw new ProblemException(ProblemType.UNSUPPORTED_MEDIA_TYPE, "media.heif-unsupported");
        }
        return switch (type) {
            case JPEG, PNG, WEBP -> image(upload, type);
            case PDF -> pdf(upload);
            default -> throw new ProblemException(ProblemType.UNSUPPORTED_MEDIA_TYPE, "media.unsupported-type", type);
        };
    }

    private Inspected pdf(Path upload) throws IOException {
        if (!startsWith(upload, PDF_HEADER) || !endsWithTrimmed(upload, PDF_END)) {
            throw new ProblemException(ProblemType.UNPROCESSABLE, "media.not-whole");
        }
        Path copy = Files.createTempFile("gridloop-media-", ".pdf");
        try (InputStream in = Files.newInputStream(upload); Hashing out = new Hashing(copy)) {
            in.transferTo(out);
            out.close();
            return new Inspected(PDF, copy, Files.size(copy), out.sha256(), null, null, null, null);
        } catch (IOException | RuntimeException e) {
            Inspected.deleteQuietly(copy);
            throw e;
        }
    }

    private Inspected image(Path upload, String type) throws IOException {
        if (!wholeImage(upload, type)) {
            throw new ProblemException(ProblemType.UNPROCESSABLE, "media.not-whole");
        }
        if (contains(upload, PDF_HEADER, PDF_HEADER_WINDOW)) {
            throw new ProblemException(ProblemType.UNPROCESSABLE, "media.polyglot");
        }
        int orientation = orientation(upload);
        decoding.acquireUninterruptibly();
        try {
            BufferedImage upright = orient(decode(upload, type), orientation);
            boolean alpha = upright.getColorModel().hasAlpha();
            // PNG stays lossless; JPEG and WebP photos become JPEG (no WebP encoder in pure Java), WebP with transparency PNG
            String stored = type.equals(PNG) || (type.equals(WEBP) && alpha) ? PNG : JPEG;
            Path content = Files.createTempFile("gridloop-media-", stored.equals(PNG) ? ".png" : ".jpg");
            Path thumbnail = Files.createTempFile("gridloop-thumb-", ".jpg");
            try {
                String sha256;
                try (Hashing out = new Hashing(content)) {
                    write(stored.equals(PNG) ? upright : opaque(upright), stored, out);
                    out.close();
                    sha256 = out.sha256();
                }
                try (OutputStream out = Files.newOutputStream(thumbnail)) {
                    write(opaque(scaled(upright, thumbnailSide)), JPEG, out);
                }
                return new Inspected(stored, content, Files.size(content), sha256, upright.getWidth(), upright.getHeight(),
                        thumbnail, Files.size(thumbnail));
            } catch (IOException | RuntimeException e) {
                Inspected.deleteQuietly(content);
                Inspected.deleteQuietly(thumbnail);
                throw e;
            }
        } finally {
            decoding.release();
        }
    }

    /**
     * The pixels, once the declared size is within the limits. A file whose magic says image but which no
     * reader decodes is not an image (422).
     */
    private BufferedImage decode(Path upload, String type) throws IOException {
        try (ImageInputStream in = ImageIO.createImageInputStream(upload.toFile())) {
            Iterator<ImageReader> readers = ImageIO.getImageReadersByMIMEType(type);
            if (in == null || !readers.hasNext()) {
                throw new ProblemException(ProblemType.UNSUPPORTED_MEDIA_TYPE, "media.unsupported-type", type);
            }
            ImageReader reader = readers.next();
            try {
                reader.setInput(in, true, true);
                long width = reader.getWidth(0);
                long height = reader.getHeight(0);
                if (width <= 0 || height <= 0 || width > maxSide || height > maxSide || width * height > maxPixels) {
                    throw new ProblemException(ProblemType.UNPROCESSABLE, "media.too-many-pixels", Long.toString(width),
                            Long.toString(height), Long.toString(maxPixels));
                }
                return reader.read(0);
            } finally {
                reader.dispose();
            }
        } catch (IOException | RuntimeException notAnImage) {
            if (notAnImage instanceof ProblemException problem) {
                throw problem;
            }
            throw new ProblemException(ProblemType.UNPROCESSABLE, "media.not-an-image");
        }
    }

    /** The EXIF orientation (1 to 8), 1 when there is none or it cannot be read. */
    private static int orientation(Path upload) {
        try {
            ExifIFD0Directory exif = ImageMetadataReader.readMetadata(upload.toFile()).getFirstDirectoryOfType(ExifIFD0Directory.class);
            if (exif != null && exif.containsTag(ExifIFD0Directory.TAG_ORIENTATION)) {
                int orientation = exif.getInt(ExifIFD0Directory.TAG_ORIENTATION);
                return orientation >= 1 && orientation <= 8 ? orientation : 1;
            }
            return 1;
        } catch (ImageProcessingException | MetadataException | IOException | RuntimeException unreadable) {
            return 1;
        }
    }

    /** The image as the camera meant it to be seen (EXIF orientation 2–8 applied). */
    static BufferedImage orient(BufferedImage image, int orientation) {
        if (orientation == 1) {
            return image;
        }
        int w = image.getWidth();
        int h = image.getHeight();
        boolean turned = orientation >= 5;
        // AffineTransform(m00, m10, m01, m11, m02, m12): x' = m00·x + m01·y + m02, y' = m10·x + m11·y + m12
        AffineTransform t = switch (orientation) {
            case 2 -> new AffineTransform(-1, 0, 0, 1, w, 0);
            case 3 -> new AffineTransform(-1, 0, 0, -1, w, h);
            case 4 -> new AffineTransform(1, 0, 0, -1, 0, h);
            case 5 -> new AffineTransform(0, 1, 1, 0, 0, 0);
            case 6 -> new AffineTransform(0, 1, -1, 0, h, 0);
            case 7 -> new AffineTransform(0, -1, -1, 0, h, w);
            default -> new AffineTransform(0, -1, 1, 0, 0, w);
        };
        BufferedImage upright = new BufferedImage(turned ? h : w, turned ? w : h,
                image.getColorModel().hasAlpha() ? BufferedImage.TYPE_INT_ARGB : BufferedImage.TYPE_3BYTE_BGR);
        Graphics2D g = upright.createGraphics();
        try {
            g.drawImage(image, t, null);
        } finally {
            g.dispose();
        }
        return upright;
    }

    /** JPEG has no transparency: transparent pixels become white. */
    private static BufferedImage opaque(BufferedImage image) {
        if (!image.getColorModel().hasAlpha() && image.getType() == BufferedImage.TYPE_3BYTE_BGR) {
            return image;
        }
        BufferedImage rgb = new BufferedImage(image.getWidth(), image.getHeight(), BufferedImage.TYPE_3BYTE_BGR);
        Graphics2D g = rgb.createGraphics();
        try {
            g.drawImage(image, 0, 0, Color.WHITE, null);
        } finally {
            g.dispose();
        }
        return rgb;
    }

    /** The image with its longer side at most {@code side} pixels, halved step by step so it stays sharp. */
    private static BufferedImage scaled(BufferedImage image, int side) {
        BufferedImage current = image;
        while (Math.max(current.getWidth(), current.getHeight()) > side) {
            int longer = Math.max(current.getWidth(), current.getHeight());
            double factor = Math.max(0.5, (double) side / longer);
            int w = Math.max(1, (int) Math.round(current.getWidth() * factor));
            int h = Math.max(1, (int) Math.round(current.getHeight() * factor));
            BufferedImage next = new BufferedImage(w, h,
                    current.getColorModel().hasAlpha() ? BufferedImage.TYPE_INT_ARGB : BufferedImage.TYPE_3BYTE_BGR);
            Graphics2D g = next.createGraphics();
            try {
                g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
                g.drawImage(current, 0, 0, w, h, null);
            } finally {
                g.dispose();
            }
            current = next;
        }
        return current;
    }

    /** Encodes with the JDK's writers, which write the pixels and no metadata of the upload's. */
    private static void write(BufferedImage image, String type, OutputStream out) throws IOException {
        ImageWriter writer = ImageIO.getImageWritersByMIMEType(type).next();
        try (ImageOutputStream stream = ImageIO.createImageOutputStream(out)) {
            writer.setOutput(stream);
            ImageWriteParam param = writer.getDefaultWriteParam();
            if (type.equals(JPEG)) {
                param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
                param.setCompressionQuality(JPEG_QUALITY);
            }
            writer.write(null, new IIOImage(image, null, null), param);
        } finally {
            writer.dispose();
        }
    }

    /**
     * Nothing after the image's own end: a JPEG ends with its EOI marker, a PNG with its IEND chunk, a WebP
     * where its RIFF header says. What follows (a ZIP, HTML, a PDF) is a polyglot, refused.
     */
    private static boolean wholeImage(Path upload, String type) throws IOException {
        try (RandomAccessFile file = new RandomAccessFile(upload.toFile(), "r")) {
            long length = file.length();
            switch (type) {
                case JPEG -> {
                    if (length < 4) {
                        return false;
                    }
                    file.seek(length - 2);
                    return file.read() == 0xFF && file.read() == 0xD9;
                }
                case PNG -> {
                    if (length < PNG_END.length + 8) {
                        return false;
                    }
                    byte[] end = new byte[PNG_END.length];
                    file.seek(length - end.length);
                    file.readFully(end);
                    return java.util.Arrays.equals(end, PNG_END);
                }
                default -> {
                    if (length < 12) {
                        return false;
                    }
                    file.seek(4);
                    long riff = Integer.toUnsignedLong(Integer.reverseBytes(file.readInt()));
                    return riff + 8 == length;
                }
            }
        }
    }

    private static boolean startsWith(Path file, byte[] prefix) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return java.util.Arrays.equals(in.readNBytes(prefix.length), prefix);
        }
    }

    private static boolean contains(Path file, byte[] needle, int window) throws IOException {
        byte[] head;
        try (InputStream in = Files.newInputStream(file)) {
            head = in.readNBytes(window);
        }
        outer: for (int i = 0; i + needle.length <= head.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (head[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }

    /** Whether the file ends with {@code end}, after trailing white space (as PDF writers leave it). */
    private static boolean endsWithTrimmed(Path upload, byte[] end) throws IOException {
        try (RandomAccessFile file = new RandomAccessFile(upload.toFile(), "r")) {
            long position = file.length() - 1;
            while (position >= 0) {
                file.seek(position);
                int b = file.read();
                if (b != ' ' && b != '\r' && b != '\n' && b != '\t' && b != 0) {
                    break;
                }
                position--;
            }
            long start = position - end.length + 1;
            if (start < 0) {
                return false;
            }
            byte[] tail = new byte[end.length];
            file.seek(start);
            file.readFully(tail);
            return java.util.Arrays.equals(tail, end);
        }
    }

    /** A file output that hashes what it writes. */
    private static final class Hashing extends DigestOutputStream {

        private boolean closed;

        Hashing(Path file) throws IOException {
            super(new java.io.BufferedOutputStream(Files.newOutputStream(file)), sha256Digest());
        }

        @Override
        public void close() throws IOException {
            if (!closed) {
                closed = true;
                super.close();
            }
        }

        String sha256() {
            return HexFormat.of().formatHex(getMessageDigest().digest());
        }

        private static MessageDigest sha256Digest() {
            try {
                return MessageDigest.getInstance("SHA-256");
            } catch (NoSuchAlgorithmException impossible) {
                throw new IllegalStateException(impossible);
            }
        }
    }
}
