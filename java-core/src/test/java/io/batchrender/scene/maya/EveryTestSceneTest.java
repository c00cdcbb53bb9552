package io.batchrender.scene.maya;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every .ma and .mb under the shared test data reads to the end, with as many events as the file holds:
 * for .ma, lines that start with createNode, select, setAttr (after indentation) and connectAttr (grep -c);
 * for .mb, CREA, SLCT, STR + STR# and CWFL chunks, and the numeric chunks that hold one attribute element
 * (DBLE of 8 bytes, or of 4 in files without TDUR; DBL3 of 24; FLT2 of 8; no [a:b] range in the name, no
 * 0x08 size flag), all counted with a throwaway IFF walker over the bytes.
 */
class EveryTestSceneTest {

    /** createNode, select, setAttr, connectAttr for each file. */
    private static final Map<String, List<Integer>> EXPECTED = Map.ofEntries(
            Map.entry("deadline-cloud-for-maya/job_bundle_output_tests/cube/scene/cube.ma", List.of(30, 15, 99, 42)),
            Map.entry("deadline-cloud-for-maya/job_bundle_output_tests/layers/scene/layers.ma", List.of(103, 15, 279, 217)),
            Map.entry("deadline-cloud-for-maya/job_bundle_output_tests/layers_no_variation/scene/layers_no_variation.ma", List.of(30, 13, 110, 19)),
            Map.entry("deadline-cloud-for-maya/job_bundle_output_tests/referenced_layers/scene/ref.ma", List.of(30, 13, 543, 17)),
            Map.entry("deadline-cloud-for-maya/job_bundle_output_tests/referenced_layers/scene/referenced_layers.ma", List.of(33, 13, 348, 19)),
            Map.entry("deadline-cloud-for-maya/job_bundle_output_tests/referenced_layers/scene/scene_file_to_reference.ma", List.of(30, 13, 345, 17)),
            Map.entry("deadline-cloud-for-maya/job_bundle_output_tests/renderman/scene/renderman.ma", List.of(58, 18, 922, 82)),
            Map.entry("maya-usd/plugin/pxr/maya/lib/pxrUsdMayaGL/testenv/InstancerDrawTest/InstancerDrawTest.ma", List.of(31, 12, 129, 38)),
            Map.entry("maya-usd/test/lib/usd/translators/UsdExportImportUDIMTest/UsdExportUDIMTest.ma", List.of(29, 13, 98, 41)),
            Map.entry("maya-usd/test/lib/usd/translators/UsdExportMaterialXTest/MaterialX_decal.ma", List.of(28, 15, 138, 69)),
            Map.entry("maya-usd/test/lib/usd/translators/UsdExportMaterialXTest/StandardSurfaceTextured.ma", List.of(208, 15, 703, 872)),
            Map.entry("maya-usd/test/testSamples/MaterialX/OpenPBRShowcase.ma", List.of(93, 19, 362, 296)),
            Map.entry("maya-usd/test/testSamples/MaterialX/color_management.ma", List.of(70, 15, 313, 228)),
            Map.entry("maya-usd/test/testSamples/MaterialX/mtlxNodesShowcase.ma", List.of(100, 15, 436, 306)),
            Map.entry("maya-usd/test/testSamples/MaterialX/place2dTextureShowcase.ma", List.of(128, 15, 461, 515)),
            Map.entry("maya-usd/test/testSamples/MaterialX/transparencyScene.ma", List.of(29, 18, 101, 39)),
            Map.entry("maya-usd/test/testSamples/tree/tree.ma", List.of(19, 13, 73, 4)),
            Map.entry("maya-usd/test/testSamples/tree/treeRef.ma", List.of(19, 13, 73, 4)),
            Map.entry("BatchExplorer-data/runner/Assets/maya-arnold.mb", List.of(23, 14, 77, 9)),
            Map.entry("BatchExplorer-data/runner/Assets/maya-vray.mb", List.of(36, 14, 146, 22)),
            Map.entry("BatchExplorer-data/runner/Assets/maya.mb", List.of(34, 13, 143, 20)),
            Map.entry("azure-batch-maya/tests/data/empty.mb", List.of(38, 18, 97, 64)),
            Map.entry("deadline-cloud-for-maya/job_bundle_output_tests/cube/scene/scene_file_to_reference.mb", List.of(21, 13, 79, 6)),
            Map.entry("deadline-cloud-for-maya/job_bundle_output_tests/layers/scene/scene_file_to_reference.mb", List.of(21, 13, 79, 6)),
            Map.entry("deadline-cloud-for-maya/job_bundle_output_tests/layers_no_variation/scene/scene_file_to_reference.mb", List.of(21, 13, 79, 6)),
            Map.entry("deadline-cloud-for-maya/job_bundle_output_tests/renderman/scene/scene_file_to_reference.mb", List.of(21, 13, 79, 6)),
            Map.entry("maya-usd/test/testSamples/switchVariants/rig.anim.mb", List.of(42, 13, 97, 55)),
            Map.entry("maya-usd/test/testSamples/switchVariants/rig.layout.mb", List.of(36, 13, 89, 38)));

    static Stream<String> scenes() throws IOException {
        Path root = MayaTestData.root();
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(Files::isRegularFile)
                    .filter(p -> p.toString().endsWith(".ma") || p.toString().endsWith(".mb"))
                    .map(p -> root.relativize(p).toString().replace('\\', '/'))
                    .sorted()
                    .toList()
                    .stream();
        }
    }

    @Test
    void theTestDataHoldsEveryScene() throws IOException {
        assertEquals(EXPECTED.keySet().stream().sorted().toList(), scenes().toList());
    }

    @ParameterizedTest
    @MethodSource("scenes")
    void readsToTheEndWithEveryStatement(String scene) {
        List<Integer> expected = EXPECTED.get(scene);
        assertTrue(expected != null, "no expectation for " + scene);
        Recorder r = MayaTestData.read(scene);
        assertEquals(expected, List.of((int) r.count("createNode "), (int) r.count("select "), (int) r.count("setAttr "),
                (int) r.count("connectAttr ")), "createNode, select, setAttr, connectAttr in " + scene);
    }
}
