package dev.parley.core.internal;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Optional;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The thumbnails of shared images: real images made here, and the hostile and unreadable ones. */
@Timeout(30)
class ThumbnailerTest {

    private static BufferedImage halves(int width, int height, int type, Color left, Color right) {
        BufferedImage image = new BufferedImage(width, height, type);
        Graphics2D g = image.createGraphics();
        g.setColor(left);
        g.fillRect(0, 0, width / 2, height);
        g.setColor(right);
        g.fillRect(width / 2, 0, width - width / 2, height);
        g.dispose();
        return image;
    }

    private static byte[] encode(BufferedImage image, String format) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        assertTrue(ImageIO.write(image, format, out), "a writer for " + format);
        return out.toByteArray();
    }

    private static Thumbnailer.Thumbnail thumbnail(byte[] bytes) {
        return Thumbnailer.of(new ByteArrayInputStream(bytes)).orElseThrow(() -> new AssertionError("no thumbnail"));
    }

    private static BufferedImage decoded(Thumbnailer.Thumbnail t) throws IOException {
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(t.bytes()));
        assertEquals(t.width(), image.getWidth());
        assertEquals(t.height(), image.getHeight());
        assertEquals(t.contentType(), Thumbnailer.contentTypeOf(t.bytes()));
        return image;
    }

    private static void assertNear(Color expected, int rgb) {
        Color actual = new Color(rgb, true);
        int distance = Math.abs(expected.getRed() - actual.getRed()) + Math.abs(expected.getGreen() - actual.getGreen())
                + Math.abs(expected.getBlue() - actual.getBlue());
        assertTrue(distance < 60, "expected about " + expected + ", got " + actual);
    }

    @Test
    void aLargeJpegIsScaledIntoTheBoxKeepingItsShapeAndColours() throws IOException {
        byte[] jpeg = encode(halves(3000, 1500, BufferedImage.TYPE_INT_RGB, Color.RED, Color.BLUE), "jpeg");

        Thumbnailer.Thumbnail t = thumbnail(jpeg);

        assertEquals("image/jpeg", t.contentType());
        assertEquals(Thumbnailer.BOX, t.width());
        assertEquals(Thumbnailer.BOX / 2, t.height());
        BufferedImage image = decoded(t);
        assertNear(Color.RED, image.getRGB(45, 90));
        assertNear(Color.BLUE, image.getRGB(315, 90));
    }

    @Test
    void aTallPngIsBoundedByItsHeight() throws IOException {
        Thumbnailer.Thumbnail t = thumbnail(encode(halves(400, 1600, BufferedImage.TYPE_INT_RGB, Color.GREEN, Color.BLACK), "png"));

        assertEquals(90, t.width());
        assertEquals(Thumbnailer.BOX, t.height());
        decoded(t);
    }

    @Test
    void aSmallImageIsNeverEnlarged() throws IOException {
        Thumbnailer.Thumbnail t = thumbnail(encode(halves(40, 20, BufferedImage.TYPE_INT_RGB, Color.RED, Color.BLUE), "png"));

        assertEquals(40, t.width());
        assertEquals(20, t.height());
    }

    @Test
    void transparencyIsKeptInAPng() throws IOException {
        BufferedImage clear = halves(800, 400, BufferedImage.TYPE_INT_ARGB, new Color(0, 0, 0, 0), Color.ORANGE);

        Thumbnailer.Thumbnail t = thumbnail(encode(clear, "png"));

        assertEquals("image/png", t.contentType());
        BufferedImage image = decoded(t);
        assertEquals(0, image.getRGB(20, 90) >>> 24, "the transparent half stays transparent");
        assertEquals(255, image.getRGB(340, 90) >>> 24);
    }

    @Test
    void anAnimatedGifGivesItsFirstFrame() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ImageWriter writer = ImageIO.getImageWritersByFormatName("gif").next();
        try (ImageOutputStream out = ImageIO.createImageOutputStream(bytes)) {
            writer.setOutput(out);
            writer.prepareWriteSequence(null);
            writer.writeToSequence(new IIOImage(halves(500, 500, BufferedImage.TYPE_INT_RGB, Color.GREEN, Color.GREEN), null, null), null);
            writer.writeToSequence(new IIOImage(halves(500, 500, BufferedImage.TYPE_INT_RGB, Color.RED, Color.RED), null, null), null);
            writer.endWriteSequence();
        } finally {
            writer.dispose();
        }

        Thumbnailer.Thumbnail t = thumbnail(bytes.toByteArray());

        assertEquals(Thumbnailer.BOX, t.width());
        assertNear(Color.GREEN, decoded(t).getRGB(180, 180));
    }

    @Test
    void aTruncatedOrCorruptImageHasNoThumbnail() throws IOException {
        byte[] png = encode(halves(600, 600, BufferedImage.TYPE_INT_RGB, Color.RED, Color.BLUE), "png");
        byte[] jpeg = encode(halves(600, 600, BufferedImage.TYPE_INT_RGB, Color.RED, Color.BLUE), "jpeg");
        byte[] garbled = png.clone();
        for (int i = 40; i < garbled.length; i += 7) {
            garbled[i] ^= 0x5a;
        }

        assertEquals(Optional.empty(), Thumbnailer.of(new ByteArrayInputStream(Arrays.copyOf(png, png.length / 3))));
        assertEquals(Optional.empty(), Thumbnailer.of(new ByteArrayInputStream(Arrays.copyOf(jpeg, 200))));
        assertEquals(Optional.empty(), Thumbnailer.of(new ByteArrayInputStream(garbled)));
        assertEquals(Optional.empty(), Thumbnailer.of(new ByteArrayInputStream(new byte[0])));
    }

    @Test
    void anImageDeclaringHugeDimensionsIsRefusedFromItsHeader() throws IOException {
        // A valid PNG header announcing 100000 x 100000 pixels (10 gigapixels) with a tiny body: a
        // decoder that believed it would try to allocate 30 GB.
        assertEquals(Optional.empty(), Thumbnailer.of(new ByteArrayInputStream(pngDeclaring(100_000, 100_000))));
    }

    @Test
    void aWholeImageAboveFortyMegapixelsIsRefusedAndOneBelowIsRead() throws IOException {
        // Complete, valid grey PNGs of a few dozen kilobytes each (zeros compress about 1000 to 1).
        assertEquals(Optional.empty(), Thumbnailer.of(new ByteArrayInputStream(greyPng(8000, 6000))), "48 megapixels");
        Thumbnailer.Thumbnail under = thumbnail(greyPng(6000, 6000));
        assertEquals(Thumbnailer.BOX, under.width(), "36 megapixels");
    }

    @Test
    void svgAndHtmlAreNeverThumbnailed() {
        byte[] svg = ("<?xml version=\"1.0\"?><svg xmlns=\"http://www.w3.org/2000/svg\" width=\"100\" height=\"100\">"
                + "<script>alert(1)</script><rect width=\"100\" height=\"100\" fill=\"red\"/></svg>").getBytes(StandardCharsets.UTF_8);
        byte[] html = "<!doctype html><html><body><img src=x onerror=alert(1)></body></html>".getBytes(StandardCharsets.UTF_8);

        assertEquals(Optional.empty(), Thumbnailer.of(new ByteArrayInputStream(svg)));
        assertEquals(Optional.empty(), Thumbnailer.of(new ByteArrayInputStream(html)));
    }

    @Test
    void otherFormatsImageIoReadsAreNotThumbnailed() throws IOException {
        // BMP is readable by ImageIO but is not one of the formats previewed.
        assertEquals(Optional.empty(), Thumbnailer.of(new ByteArrayInputStream(
                encode(halves(50, 50, BufferedImage.TYPE_INT_RGB, Color.RED, Color.BLUE), "bmp"))));
    }

    /** A PNG whose IHDR declares these dimensions, with one small (wrong-sized) IDAT. */
    private static byte[] pngDeclaring(int width, int height) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(bytes);
        out.write(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'});
        ByteArrayOutputStream ihdr = new ByteArrayOutputStream();
        DataOutputStream h = new DataOutputStream(ihdr);
        h.writeInt(width);
        h.writeInt(height);
        h.write(new byte[] {8, 2, 0, 0, 0}); // 8-bit RGB, deflate, no filter method, no interlace
        chunk(out, "IHDR", ihdr.toByteArray());
        Deflater deflater = new Deflater();
        deflater.setInput(new byte[4096]);
        deflater.finish();
        byte[] compressed = new byte[4096];
        int n = deflater.deflate(compressed);
        deflater.end();
        chunk(out, "IDAT", Arrays.copyOf(compressed, n));
        chunk(out, "IEND", new byte[0]);
        return bytes.toByteArray();
    }

    /** A black 8-bit greyscale PNG of these dimensions, every row present. */
    private static byte[] greyPng(int width, int height) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(bytes);
        out.write(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'});
        ByteArrayOutputStream ihdr = new ByteArrayOutputStream();
        DataOutputStream h = new DataOutputStream(ihdr);
        h.writeInt(width);
        h.writeInt(height);
        h.write(new byte[] {8, 0, 0, 0, 0});
        chunk(out, "IHDR", ihdr.toByteArray());
        ByteArrayOutputStream idat = new ByteArrayOutputStream();
        try (DeflaterOutputStream z = new DeflaterOutputStream(idat, new Deflater(Deflater.BEST_COMPRESSION), 1 << 16)) {
            byte[] row = new byte[width + 1]; // filter type 0, then the pixels
            for (int y = 0; y < height; y++) {
                z.write(row);
            }
        }
        chunk(out, "IDAT", idat.toByteArray());
        chunk(out, "IEND", new byte[0]);
        return bytes.toByteArray();
    }

    private static void chunk(DataOutputStream out, String type, byte[] data) throws IOException {
        byte[] name = type.getBytes(StandardCharsets.US_ASCII);
        out.writeInt(data.length);
        out.write(name);
        out.write(data);
        CRC32 crc = new CRC32();
        crc.update(name);
        crc.update(data);
        out.writeInt((int) crc.getValue());
    }
}
