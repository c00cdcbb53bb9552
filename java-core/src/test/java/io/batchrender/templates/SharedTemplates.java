package io.batchrender.templates;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Batch Explorer's Maya templates in the shared test data, and the lines of their text. */
final class SharedTemplates {

    private SharedTemplates() {
    }

    /** A file under {@code ../shared/azure-batch/}. */
    static Path azureBatch(String relative) {
        String repo = System.getProperty("batchrender.repo");
        Path root = (repo == null || repo.isBlank() ? Path.of("..") : Path.of(repo)).toAbsolutePath().normalize();
        Path p = root.resolve("../shared/azure-batch").resolve(relative).normalize();
        if (!Files.isRegularFile(p)) {
            throw new IllegalStateException("shared file " + p + " is missing");
        }
        return p;
    }

    /** A file under {@code ../shared/azure-batch/ncj-templates-historical/maya/}. */
    static Path maya(String relative) {
        String repo = System.getProperty("batchrender.repo");
        Path root = (repo == null || repo.isBlank() ? Path.of("..") : Path.of(repo)).toAbsolutePath().normalize();
        Path p = root.resolve("../shared/azure-batch/ncj-templates-historical/maya").resolve(relative).normalize();
        if (!Files.isRegularFile(p)) {
            throw new IllegalStateException("shared template " + p + " is missing");
        }
        return p;
    }

    /** The 1-based line of the only line of {@code file} that contains {@code needle}. */
    static int lineOf(Path file, String needle) {
        try {
            List<String> lines = Files.readAllLines(file);
            int found = 0;
            for (int i = 0; i < lines.size(); i++) {
                if (lines.get(i).contains(needle)) {
                    if (found != 0) {
                        throw new IllegalStateException(needle + " is on lines " + found + " and " + (i + 1) + " of " + file);
                    }
                    found = i + 1;
                }
            }
            if (found == 0) {
                throw new IllegalStateException(needle + " is not in " + file);
            }
            return found;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The line of {@code needle} in a template given as text. */
    static int lineOf(String text, String needle) {
        String[] lines = text.split("\n", -1);
        int found = 0;
        for (int i = 0; i < lines.length; i++) {
            if (lines[i].contains(needle)) {
                if (found != 0) {
                    throw new IllegalStateException(needle + " is on two lines");
                }
                found = i + 1;
            }
        }
        if (found == 0) {
            throw new IllegalStateException(needle + " is not in the text");
        }
        return found;
    }
}
