package io.batchrender.farm.golden;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import io.batchrender.compile.SceneCompiler;
import io.batchrender.compile.SubmitForm;
import io.batchrender.farm.azure.AzureFarm;
import io.batchrender.farm.AzureJobSettings;
import io.batchrender.farm.azure.BatchAccount;
import io.batchrender.farm.PoolChoice;
import io.batchrender.farm.PoolImage;
import io.batchrender.farm.PoolSpec;
import io.batchrender.farm.local.AgentLauncher;
import io.batchrender.farm.local.LocalFarm;
import io.batchrender.job.JobJson;
import io.batchrender.render.TestScenes;
import io.batchrender.settings.StateHome;
import io.batchrender.submit.AzureSubmission;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code submit --dry-run} of every real scene in {@code ../shared/testdata}, on both farms, compared with
 * golden files in {@code src/test/resources/golden/dry-run} (in the style of deadline-cloud-for-maya's
 * {@code job_bundle_output_tests}): what the scene compiler makes of each scene, and what each farm
 * would store or send for it. The golden files were read by hand once; any change to them is a change
 * to what artists' jobs run, to be read again. When a change is intended, write them anew with
 * {@code mvn -pl java-core test -Dtest=DryRunGoldenTest -Dgolden.bless=true} and read the diff.
 *
 * <p>The shared folder's absolute path is written {@code ${SHARED}} (whether it is a copy or a link), and so is
 * the same path without its leading slash, as blob names spell it ({@code BlobNames.forLocalPath}): so
 * {@code ${BATCHRENDER_ASSETS_DIR}${SHARED}/testdata/x.ma} is the asset folder, a slash, and the blob name of
 * {@code x.ma}. The files are then the same on every machine.
 */
class DryRunGoldenTest {

    private static final Path GOLDEN = TestScenes.repoRoot().resolve("java-core/src/test/resources/golden/dry-run");
    private static final boolean BLESS = Boolean.getBoolean("golden.bless");

    @TempDir
    static Path tmp;

    static Stream<String> scenes() throws IOException {
        Path root = sharedTestData();
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(p -> p.toString().matches(".*\\.(ma|mb|blend)$"))
                    .map(p -> root.relativize(p).toString().replace('\\', '/')).sorted().toList().stream();
        }
    }

    @ParameterizedTest
    @MethodSource("scenes")
    void theLocalFarmStoresWhatTheGoldenFileSays(String scene) {
        LocalFarm farm = new LocalFarm(new StateHome(tmp.resolve("state")), new AgentLauncher(new StateHome(tmp.resolve("state")),
                Map.of()), Clock.systemUTC());
        compare(scene, "local", () -> farm.preview(compiled(scene).job()));
    }

    @ParameterizedTest
    @MethodSource("scenes")
    void azureBatchIsSentWhatTheGoldenFileSays(String scene) {
        try (AzureFarm farm = new AzureFarm(new BatchAccount("https://golden.westeurope.batch.azure.com", "golden", "a2V5"),
                new StateHome(tmp.resolve("azure-state")), AzureJobSettings.on(new PoolChoice.Existing("render")), 1,
                Duration.ofMillis(1))) {
            compare(scene, "azure", () -> {
                SceneCompiler.Compiled compiled = compiled(scene);
                // Maya renders on a pool made from a Maya image; Blender on an auto-pool of Ubuntu with Blender installed
                PoolChoice pool = scene.endsWith(".blend") ? new PoolChoice.AutoPool(new PoolSpec("", "standard_d4s_v5", 1, 0, 1,
                        // as the service's list of supported images resolves it when the job is sent
                        PoolImage.Marketplace.ubuntu2204().withNodeAgentSku("batch.node.ubuntu 22.04"), Optional.empty()))
                        : new PoolChoice.Existing("maya-render");
                return AzureSubmission.preview(farm, AzureSubmission.Request.of(compiled, Optional.empty(),
                        AzureJobSettings.on(pool)), "golden-job");
            });
        }
    }

    /** The environment the tasks get, fixed: a submitter's own would differ from machine to machine. */
    private static final Map<String, String> ENV = Map.of("PATH", "/usr/bin:/bin");

    /**
     * The scene compiled two frames a task; a scene whose own range is long (maya-arnold.mb renders 10,000
     * frames) in ten tasks, so its golden files stay readable.
     */
    private static SceneCompiler.Compiled compiled(String scene) {
        SceneCompiler.Compiled c = SceneCompiler.compile(form(scene, 2), tmp, ENV);
        int frames = c.job().tasks().stream().mapToInt(t -> t.frames().size()).sum();
        return frames <= 20 ? c : SceneCompiler.compile(form(scene, (frames + 9) / 10), tmp, ENV);
    }

    private static SubmitForm form(String scene, int chunk) {
        // Maya scenes render their own frame range; a .blend is given three frames, two a task
        Optional<String> frames = scene.endsWith(".blend") ? Optional.of("1-3") : Optional.empty();
        return new SubmitForm(Optional.of(TestScenes.testData(scene)), Optional.empty(), frames, List.of(), true, chunk,
                Optional.empty(), Optional.empty(), Optional.of(Path.of("/renders/golden")), 2, Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());
    }

    private static void compare(String scene, String farm, java.util.function.Supplier<JsonObject> preview) {
        String actual;
        try {
            actual = normalized(JobJson.pretty(preview.get())) + "\n";
        } catch (RuntimeException e) {
            // a scene the compiler or the farm refuses: the one line the artist reads is the golden output
            actual = "refused: " + normalized(String.valueOf(e.getMessage())) + "\n";
        }
        Path golden = GOLDEN.resolve(scene.replace('/', '_') + "." + farm + ".json");
        try {
            if (BLESS) {
                Files.createDirectories(golden.getParent());
                Files.writeString(golden, actual, StandardCharsets.UTF_8);
                return;
            }
            assertTrue(Files.exists(golden), "no golden file " + golden + ": write it with -Dgolden.bless=true and read it");
            assertEquals(Files.readString(golden, StandardCharsets.UTF_8), actual,
                    "the dry run of " + scene + " on the " + farm + " farm changed; if that is intended, bless it"
                            + " (-Dgolden.bless=true) and read the diff");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code text} with the shared folder's place on this machine as {@code ${SHARED}}, in paths and in blob names. */
    static String normalized(String text) {
        Path shared = sharedTestData().getParent();
        String out = text;
        for (Path p : realAndGiven(shared)) {
            String abs = p.toString();
            out = out.replace(abs, "${SHARED}").replace(abs.substring(1), "${SHARED}");
        }
        return out;
    }

    private static Path sharedTestData() {
        return TestScenes.repoRoot().resolve("../shared/testdata").normalize();
    }

    private static List<Path> realAndGiven(Path p) {
        try {
            Path real = p.toRealPath();
            // the longer first, so one is not cut inside the other
            return real.toString().length() >= p.toString().length() ? List.of(real, p) : List.of(p, real);
        } catch (IOException e) {
            return List.of(p);
        }
    }
}
