package io.batchrender.render.pathmap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.batchrender.render.TestScenes;
import io.batchrender.storage.BlobNames;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Blender's path map on a shot whose library is reached only through another library, both linked by the artist's
 * absolute paths, in real Blender: the scene built by {@code tests/blender/linked_shot.py}, its files laid out at their
 * blob names in a node's asset folder, the artist's folder gone; the script maps and reloads the library the shot
 * links, then (a second pass) the one that library links, and the frame shows the inner library's card in its
 * texture's colour (the texture named {@code //textures/green.png}, beside the inner library). Without the reload
 * the card is not there (black).
 */
class BlenderRemapLibrariesTest {

    @TempDir
    Path tmp;

    @Test
    void aLibraryLinkedByALibraryIsMappedAndReloadedOnTheNode() throws Exception {
        Path artist = tmp.resolve("artist");
        run(List.of("blender", "-b", "--factory-startup", "--python-exit-code", "1", "--python",
                TestScenes.repoRoot().resolve("tests/blender/linked_shot.py").toString(), "--", artist.toString()));
        Path shot = artist.resolve("shot/nested.blend");
        Path green = artist.resolve("library/textures/green.png");
        List<Path> files = List.of(shot, artist.resolve("set/set.blend"), artist.resolve("library/props.blend"), green);
        int[] expected = rgb(ImageIO.read(green.toFile()), 4, 4);

        Path assets = tmp.resolve("node/assets");
        for (Path f : files) {
            Path onNode = assets.resolve(BlobNames.forLocalPath(f.toString()));
            Files.createDirectories(onNode.getParent());
            Files.copy(f, onNode);
        }
        Files.move(artist, tmp.resolve("moved-away"));   // nothing is left where the files say they are
        String script = BlenderRemap.script(PathMap.rules(files.stream().map(Path::toString).toList(),
                BlobNames::forLocalPath), "$NODE_ASSETS");
        Path remap = Files.writeString(tmp.resolve("remap.py"), script);
        Path frames = tmp.resolve("frames");
        String log = run(List.of("blender", "-b", assets.resolve(BlobNames.forLocalPath(shot.toString())).toString(),
                "--python", remap.toString(), "-o", frames + "/f_####", "-F", "PNG", "-f", "1"), "NODE_ASSETS", assets.toString());
        assertTrue(log.contains("batchrender: path map: " + artist.resolve("library/props.blend")), log);

        BufferedImage frame = ImageIO.read(frames.resolve("f_0001.png").toFile());
        int[] left = rgb(frame, frame.getWidth() / 4, frame.getHeight() / 2);
        for (int c = 0; c < 3; c++) {
            assertTrue(Math.abs(left[c] - expected[c]) <= 4, "the inner library's card: " + List.of(left[0], left[1],
                    left[2]) + ", its texture " + List.of(expected[0], expected[1], expected[2]) + "\n" + log);
        }
    }

    private static int[] rgb(BufferedImage image, int x, int y) {
        int p = image.getRGB(x, y);
        return new int[] {(p >> 16) & 0xff, (p >> 8) & 0xff, p & 0xff};
    }

    private String run(List<String> command, String... env) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true).directory(tmp.toFile());
        for (int i = 0; i + 1 < env.length; i += 2) {
            pb.environment().put(env[i], env[i + 1]);
        }
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), out);
        assertEquals(0, p.exitValue(), out);
        return out;
    }
}
