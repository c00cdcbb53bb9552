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

    /** Every line of every Maya ASCII scene in the test data, with its scene, as bytes read one to one. */
    static java.util.List<java.util.Map.Entry<Path, String>> asciiSceneLines() throws java.io.IOException {
        java.util.List<java.util.Map.Entry<Path, String>> lines = new java.util.ArrayList<>();
        try (java.util.stream.Stream<Path> files = java.nio.file.Files.walk(root())) {
            for (Path scene : files.filter(p -> p.toString().endsWith(".ma")).sorted().toList()) {
                for (String line : java.nio.file.Files.readAllLines(scene, java.nio.charset.StandardCharsets.ISO_8859_1)) {
                    lines.add(java.util.Map.entry(scene, line));
                }
            }
        }
        return lines;
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
