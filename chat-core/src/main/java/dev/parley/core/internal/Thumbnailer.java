package dev.parley.core.internal;

import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageReadParam;
import javax.imageio.ImageReader;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.ImageOutputStream;
import javax.imageio.stream.MemoryCacheImageInputStream;
import javax.imageio.stream.MemoryCacheImageOutputStream;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Iterator;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Makes the preview of a shared image with the JDK's ImageIO: PNG, JPEG and GIF (its first frame),
 * scaled to fit a {@value #BOX} px box (never enlarged), re-encoded as PNG when the image has
 * transparency and as JPEG otherwise. What it reads comes from uploaders, so it is read as hostile:
 * the format is recognised from the bytes (never from the declared type), the dimensions are read
 * from the header first and an image above {@value #MAX_PIXELS} pixels is refused before any pixel
 * is decoded (a decompression bomb), a large image is decoded subsampled (memory bounded by about
 * four times the box), and nothing is written to disk on the way (ImageIO's file cache is not
 * used). It never throws: anything it cannot read is simply no thumbnail. Stateless and thread-safe.
 */
final class Thumbnailer {
    /** The largest width and height of a thumbnail, in pixels. */
    static final int BOX = 360;
    /** The largest image (width times height) decoded for a thumbnail. */
    static final long MAX_PIXELS = 40_000_000L;

    private static final System.Logger LOG = System.getLogger(Thumbnailer.class.getName());
    private static final Set<String> FORMATS = Set.of("png", "jpeg", "gif");
    private static final float JPEG_QUALITY = 0.85f;

    /**
     * An encoded thumbnail.
     *
     * @param bytes       the PNG or JPEG bytes
     * @param contentType {@code image/png} or {@code image/jpeg}
     * @param width       its width in pixels
     * @param height      its height in pixels
     */
    record Thumbnail(byte[] bytes, String contentType, int width, int height) {
    }

    private Thumbnailer() {
    }

    /** The thumbnail of the image in {@code in} (read, not closed), or empty when it is not one ImageIO reads safely. */
    static Optional<Thumbnail> of(InputStream in) {
        try (ImageInputStream iis = new MemoryCacheImageInputStream(in)) {
            Iterator<ImageReader> readers = ImageIO.getImageReaders(iis);
            while (readers.hasNext()) {
                ImageReader reader = readers.next();
                try {
                    String format = reader.getFormatName().toLowerCase(Locale.ROOT);
                    if (!FORMATS.contains(format)) {
                        continue;
                    }
                    return read(reader, iis);
                } finally {
                    reader.dispose();
                }
            }
            return Optional.empty();
        } catch (IOException | RuntimeException e) {
            // Corrupt, truncated or hostile: no thumbnail; the file is still shared.
            LOG.log(System.Logger.Level.DEBUG, "no thumbnail: " + e);
            return Optional.empty();
        }
    }

    private static Optional<Thumbnail> read(ImageReader reader, ImageInputStream iis) throws IOException {
        reader.setInput(iis, true, true);
        int width = reader.getWidth(0);
        int height = reader.getHeight(0);
        if (width <= 0 || height <= 0 || (long) width * height > MAX_PIXELS) {
            LOG.log(System.Logger.Level.DEBUG, "no thumbnail: an image of " + width + "x" + height + " pixels is refused");
            return Optional.empty();
        }
        ImageReadParam param = reader.getDefaultReadParam();
        // Decode at most about twice the box in each direction; the scaling below does the rest well.
        int step = (int) Math.max(1, Math.min(Math.max(width, height) / (2L * BOX), Integer.MAX_VALUE));
        if (step > 1) {
            param.setSourceSubsampling(step, step, 0, 0);
        }
        BufferedImage source = reader.read(0, param);
        return Optional.of(encode(scale(source)));
    }

    private static BufferedImage scale(BufferedImage source) {
        int w = source.getWidth();
        int h = source.getHeight();
        double factor = Math.min(1.0, Math.min((double) BOX / w, (double) BOX / h));
        int tw = Math.max(1, (int) Math.round(w * factor));
        int th = Math.max(1, (int) Math.round(h * factor));
        boolean alpha = source.getColorModel().hasAlpha();
        BufferedImage target = new BufferedImage(tw, th, alpha ? BufferedImage.TYPE_INT_ARGB : BufferedImage.TYPE_INT_RGB);
        Graphics2D g = target.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BICUBIC);
            g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
            g.drawImage(source, 0, 0, tw, th, null);
        } finally {
            g.dispose();
        }
        return target;
    }

    private static Thumbnail encode(BufferedImage image) throws IOException {
        boolean alpha = image.getColorModel().hasAlpha();
        String format = alpha ? "png" : "jpeg";
        ImageWriter writer = ImageIO.getImageWritersByFormatName(format).next();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ImageOutputStream out = new MemoryCacheImageOutputStream(bytes)) {
            writer.setOutput(out);
            ImageWriteParam param = writer.getDefaultWriteParam();
            if (!alpha) {
                param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
                param.setCompressionQuality(JPEG_QUALITY);
            }
            writer.write(null, new IIOImage(image, null, null), param);
        } finally {
            writer.dispose();
        }
        return new Thumbnail(bytes.toByteArray(), "image/" + format, image.getWidth(), image.getHeight());
    }

    /** The type of thumbnail bytes made here, from their first bytes. */
    static String contentTypeOf(byte[] thumbnail) {
        boolean jpeg = thumbnail.length > 1 && (thumbnail[0] & 0xff) == 0xff && (thumbnail[1] & 0xff) == 0xd8;
        return jpeg ? "image/jpeg" : "image/png";
    }
}
