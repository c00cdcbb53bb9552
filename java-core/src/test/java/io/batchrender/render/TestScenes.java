package io.batchrender.render;

import java.nio.file.Files;
import java.nio.file.Path;

/** Real scene files from the shared test data next to the repository. */
public final class TestScenes {

    private TestScenes() {
    }

    /** The repository root: surefire sets {@code batchrender.repo}; elsewhere the tests run in java-core. */
    public static Path repoRoot() {
        String repo = System.getProperty("batchrender.repo");
        return (repo == null || repo.isBlank() ? Path.of("..") : Path.of(repo)).toAbsolutePath().normalize();
    }

    public static Path testData(String relative) {
        Path p = repoRoot().resolve("../shared/testdata").resolve(relative).normalize();
        if (!Files.isRegularFile(p)) {
            throw new IllegalStateException("test data file " + p + " is missing");
        }
        return p;
    }

    /** A scene kept in this repository's {@code tests/data} (see the README there for its source and license). */
    public static Path repoData(String relative) {
        Path p = repoRoot().resolve("tests/data").resolve(relative).normalize();
        if (!Files.isRegularFile(p)) {
            throw new IllegalStateException("test data file " + p + " is missing");
        }
        return p;
    }

    /** A Blender 2.79 scene (starts with {@code BLENDER-v279}). */
    public static Path blend() {
        return testData("blender/BatchExplorer-data/runner/Assets/shapes.blend");
    }

    /** A Maya ASCII scene (starts with {@code //Maya ASCII}). */
    public static Path mayaAscii() {
        return testData("maya/deadline-cloud-for-maya/job_bundle_output_tests/cube/scene/cube.ma");
    }

    /** A Maya Binary scene (starts with {@code FOR8}). */
    public static Path mayaBinary() {
        return testData("maya/BatchExplorer-data/runner/Assets/maya.mb");
    }
}
