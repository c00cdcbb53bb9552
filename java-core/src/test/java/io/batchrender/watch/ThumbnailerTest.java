package io.batchrender.watch;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.batchrender.render.BlenderRenderer;
import io.batchrender.render.ProgramLocator;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ThumbnailerTest {

    @TempDir
    Path dir;

    @Test
    void aPngBecomesA256PixelThumbnailWithItsColours() throws Exception {
        BufferedImage img = new BufferedImage(1024, 512, BufferedImage.TYPE_INT_RGB);
        var g = img.createGraphics();
        g.setColor(Color.RED);
        g.fillRect(0, 0, 512, 512);
        g.setColor(Color.BLUE);
        g.fillRect(512, 0, 512, 512);
        g.dispose();
        Path png = dir.resolve("beauty_0001.png");
        ImageIO.write(img, "png", png.toFile());

        Optional<String> name = new Thumbnailer(List.of(new ImageIoThumbnails())).make(png, "layer/beauty_0001.png",
                dir.resolve("thumbs"));

        assertEquals(Optional.of("layer__beauty_0001.png.png"), name);
        BufferedImage thumb = ImageIO.read(dir.resolve("thumbs").resolve(name.get()).toFile());
        assertEquals(256, thumb.getWidth());
        assertEquals(128, thumb.getHeight());
        assertEquals(Color.RED.getRGB(), thumb.getRGB(10, 64));
        assertEquals(Color.BLUE.getRGB(), thumb.getRGB(245, 64));
    }

    @Test
    void aFileNoConverterReadsGetsNoThumbnailAndNoError() throws Exception {
        Path bin = dir.resolve("cache.bin");
        Files.write(bin, new byte[] {1, 2, 3});
        assertEquals(Optional.empty(), Thumbnailer.standard(System.getenv()).make(bin, "cache.bin", dir.resolve("t")));
        Path broken = dir.resolve("broken.png");
        Files.writeString(broken, "not a png");
        assertEquals(Optional.empty(), Thumbnailer.standard(System.getenv()).make(broken, "broken.png", dir.resolve("t")));
    }

    /**
     * OpenEXR images as Blender writes them: a grey left half, a blue right half, saved three ways
     * ({@code image.save()}: 32-bit float, no compression; a render's ZIP with half floats; PIZ).
     * Blender then reads each file back and prints its first pixel and its last (left and right
     * halves): the values the thumbnail must show, read by another program than the one under test.
     */
    private Map<String, double[][]> blenderExrs(Path blender) throws Exception {
        String script = String.join("\n", "import bpy, sys",
                "out = sys.argv[-1]",
                "w, h = 640, 360",
                "img = bpy.data.images.new('t', w, h, float_buffer=True)",
                "grey, blue = [0.214, 0.214, 0.214, 1.0], [0.0, 0.0, 1.0, 1.0]",
                "img.pixels = [v for y in range(h) for x in range(w) for v in (grey if x < w // 2 else blue)]",
                "img.filepath_raw = out + '/saved.exr'", "img.file_format = 'OPEN_EXR'", "img.save()",
                "s = bpy.context.scene.render.image_settings",
                "s.file_format = 'OPEN_EXR'",
                "s.exr_codec, s.color_depth = 'ZIP', '16'", "img.save_render(out + '/zip_half.exr')",
                "s.exr_codec, s.color_depth = 'PIZ', '32'", "img.save_render(out + '/piz_float.exr')",
                "for n in ('saved', 'zip_half', 'piz_float'):",
                "    p = bpy.data.images.load(out + '/' + n + '.exr').pixels[:]",
                "    print('PIXELS', n, *p[:4], *p[-4:])");
        Process p = new ProcessBuilder(blender.toString(), "-b", "--factory-startup", "--python-exit-code", "1",
                "--python-expr", script, "--", dir.toString()).redirectErrorStream(true).start();
        String log = new String(p.getInputStream().readAllBytes());
        assertEquals(0, p.waitFor(), log);
        Map<String, double[][]> pixels = new java.util.TreeMap<>();
        for (String line : log.lines().filter(l -> l.startsWith("PIXELS ")).toList()) {
            String[] f = line.split(" ");
            double[] v = Arrays.stream(f, 2, 10).mapToDouble(Double::parseDouble).toArray();
            pixels.put(f[1], new double[][] {Arrays.copyOf(v, 4), Arrays.copyOfRange(v, 4, 8)});
            // the OpenEXR magic number 76 2f 31 01 (openexr.com, "OpenEXR File Layout")
            byte[] head = Arrays.copyOf(Files.readAllBytes(dir.resolve(f[1] + ".exr")), 4);
            assertArrayEquals(new byte[] {0x76, 0x2f, 0x31, 0x01}, head);
        }
        assertEquals(java.util.Set.of("saved", "zip_half", "piz_float"), pixels.keySet(), log);
        return pixels;
    }

    /** IEC 61966-2-1: linear light to an 8-bit sRGB value. */
    private static int srgb8(double linear) {
        double v = linear <= 0.0031308 ? 12.92 * linear : 1.055 * Math.pow(linear, 1 / 2.4) - 0.055;
        return (int) Math.round(Math.max(0, Math.min(1, v)) * 255);
    }

    private static Path blender() {
        Optional<Path> blender = new ProgramLocator(System.getenv()).locate(BlenderRenderer.BLENDER);
        assumeTrue(blender.isPresent(), "Blender is not installed");
        return blender.get();
    }

    @Test
    void exrsAreReadInThisProcessWithNoProgramInstalled() throws Exception {
        Map<String, double[][]> files = blenderExrs(blender());
        Thumbnailer exr = new Thumbnailer(List.of(new ExrThumbnails()));
        for (var file : files.entrySet()) {
            Path image = dir.resolve(file.getKey() + ".exr");

            Optional<String> name = exr.make(image, image.getFileName().toString(), dir.resolve("thumbs"));

            BufferedImage thumb = ImageIO.read(dir.resolve("thumbs").resolve(name.orElseThrow()).toFile());
            assertEquals(List.of(256, 144), List.of(thumb.getWidth(), thumb.getHeight()), file.getKey());
            double[] left = file.getValue()[0];
            double[] right = file.getValue()[1];
            for (var probe : List.of(Map.entry(60, left), Map.entry(200, right))) {
                Color c = new Color(thumb.getRGB(probe.getKey(), 72), true);
                double[] want = probe.getValue();
                int[] got = {c.getRed(), c.getGreen(), c.getBlue()};
                for (int ch = 0; ch < 3; ch++) {
                    assertTrue(Math.abs(got[ch] - srgb8(want[ch])) <= 1, file.getKey() + " " + c + " vs "
                            + Arrays.toString(want));
                }
                assertEquals((int) Math.round(want[3] * 255), c.getAlpha(), file.getKey());
            }
        }
        assertTrue(Thumbnailer.standard(Map.of()).reads(dir.resolve("saved.exr")), "EXR thumbnails need no program");
    }

    @Test
    void aFileTinyExrRefusesSaysWhy() throws Exception {
        Path fake = dir.resolve("fake.exr");
        Files.writeString(fake, "not an exr");
        var e = assertThrows(java.io.IOException.class, () -> ExrThumbnails.read(fake, 256));
        assertTrue(e.getMessage().startsWith("fake.exr is not an OpenEXR image TinyEXR reads: "), e.getMessage());
    }

    @Test
    void anExrGoesThroughBlenderWhereTinyExrCannot() throws Exception {
        Path blender = blender();
        blenderExrs(blender);
        Path exr = dir.resolve("zip_half.exr");
        ThumbnailConverter program = ProgramThumbnails.find(Map.of("PATH", blender.getParent().toString())).orElseThrow();
        ThumbnailConverter failing = new ThumbnailConverter() {   // as ExrThumbnails where TinyEXR has no native library
            @Override
            public boolean reads(String extension) {
                return extension.equals("exr");
            }

            @Override
            public void convert(Path image, Path png, int maxSize) throws java.io.IOException {
                throw new java.io.IOException("TinyEXR cannot run here");
            }
        };
        Thumbnailer thumbnailer = new Thumbnailer(List.of(failing, program));

        Optional<String> name = thumbnailer.make(exr, "zip_half.exr", dir.resolve("thumbs"));

        BufferedImage thumb = ImageIO.read(dir.resolve("thumbs").resolve(name.orElseThrow()).toFile());
        assertEquals(256, thumb.getWidth());
        assertEquals(144, thumb.getHeight());
        Color c = new Color(thumb.getRGB(200, 72));
        assertTrue(c.getBlue() > 200 && c.getRed() < 30 && c.getGreen() < 30, c.toString());
    }
}
