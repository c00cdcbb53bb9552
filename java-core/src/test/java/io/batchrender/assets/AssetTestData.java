package io.batchrender.assets;

import java.nio.file.Files;
import java.nio.file.Path;

/** Folders of the shared Maya test data beside the repository (see TestScenes for the layout). */
final class AssetTestData {

    private AssetTestData() {
    }

    static Path repoRoot() {
        String repo = System.getProperty("batchrender.repo");
        return (repo == null || repo.isBlank() ? Path.of("..") : Path.of(repo)).toAbsolutePath().normalize();
    }

    /** A file or folder under {@code ../shared/testdata/maya/}, which must exist. */
    static Path maya(String relative) {
        Path p = repoRoot().resolve("../shared/testdata/maya").resolve(relative).normalize();
        if (!Files.exists(p)) {
            throw new IllegalStateException("test data " + p + " is missing");
        }
        return p;
    }

    static final String DEADLINE = "deadline-cloud-for-maya/job_bundle_output_tests";
    static final String UDIM_TEST = "maya-usd/test/lib/usd/translators/UsdExportImportUDIMTest";
    static final String MATERIALX_TEXTURES = "maya-usd/test/testSamples/MaterialX/textures";
    static final String INSTANCER_DRAW_TEST = "maya-usd/plugin/pxr/maya/lib/pxrUsdMayaGL/testenv/InstancerDrawTest";
    static final String AZURE_DATA = "azure-batch-maya/tests/data";
}
