package io.batchrender.watch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.batchrender.render.BlenderRenderer;
import io.batchrender.render.ProgramLocator;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
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

    @Test
    void anExrGoesThroughBlender() throws Exception {
        Optional<Path> blender = new ProgramLocator(System.getenv()).locate(BlenderRenderer.BLENDER);
        assumeTrue(blender.isPresent(), "Blender is not installed");
        Path exr = dir.resolve("f_0001.exr");
        String script = String.join("\n", "import bpy, sys",
                "img = bpy.data.images.new('t', 640, 360, float_buffer=True)",
                "img.pixels = [0.0, 1.0, 0.0, 1.0] * (640 * 360)",
                "img.filepath_raw = sys.argv[-1]", "img.file_format = 'OPEN_EXR'", "img.save()");
        Process p = new ProcessBuilder(blender.get().toString(), "-b", "--factory-startup", "--python-exit-code", "1",
                "--python-expr", script, "--", exr.toString()).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        assertEquals(0, p.waitFor());
        assertTrue(Files.size(exr) > 0);

        Optional<String> name = Thumbnailer.standard(System.getenv()).make(exr, "f_0001.exr", dir.resolve("thumbs"));

        BufferedImage thumb = ImageIO.read(dir.resolve("thumbs").resolve(name.orElseThrow()).toFile());
        assertEquals(256, thumb.getWidth());
        assertEquals(144, thumb.getHeight());
        Color c = new Color(thumb.getRGB(128, 72));
        assertTrue(c.getGreen() > 200 && c.getRed() < 30 && c.getBlue() < 30, c.toString());
    }
}
