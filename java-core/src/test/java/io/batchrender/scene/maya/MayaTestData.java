package io.batchrender.scene.maya;

import io.batchrender.render.TestScenes;
import java.nio.file.Path;

/** The real Maya scenes under {@code ../shared/testdata/maya}. */
final class MayaTestData {

    static final String DEADLINE = "deadline-cloud-for-maya/job_bundle_output_tests/";

    private MayaTestData() {
    }

    static Path maya(String relative) {
        return TestScenes.testData("maya/" + relative);
    }

    static Path root() {
        return TestScenes.repoRoot().resolve("../shared/testdata/maya").normalize();
    }

    static Recorder read(Path scene) {
        Recorder r = new Recorder();
        MayaSceneReader.read(scene, r);
        return r;
    }

    static Recorder read(String relative) {
        return read(maya(relative));
    }
}
