package io.batchrender.templates;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Batch Explorer's Maya job and pool templates with one character deleted, doubled or replaced by
 * a JSON or expression delimiter, a few thousand times: each either expands or fails with a
 * one-line {@link TemplateException} naming a line inside the file, never with another exception.
 */
class MangledTemplatesTest {

    static final String DELIMITERS = "{}[](),:'\"\\ {}0";

    @Test
    void everyMangledTemplateExpandsOrSaysWhichLine() throws Exception {
        Random random = new Random(20261127);
        for (String name : List.of("render-arnold-linux/job.template.json", "render-arnold-windows/pool.template.json")) {
            String text = Files.readString(SharedTemplates.maya(name));
            int lines = text.split("\n", -1).length;
            for (int i = 0; i < 1500; i++) {
                int at = random.nextInt(text.length());
                String mangled = switch (random.nextInt(3)) {
                    case 0 -> text.substring(0, at) + text.substring(at + 1);
                    case 1 -> text.substring(0, at) + text.charAt(at) + text.substring(at);
                    default -> text.substring(0, at) + DELIMITERS.charAt(random.nextInt(DELIMITERS.length()))
                            + text.substring(at + 1);
                };
                try {
                    Template t = Template.parse(mangled, "t.json");
                    ParameterValues values = ParameterValues.fromArgs(List.of("inputData=shot010", "inputDataSas=s",
                            "sceneFile=a.ma", "outputs=out"));
                    if (t.isJob()) {
                        JobTemplates.expand(t, onlyDeclared(t, values), FileGroupFiles.none());
                    } else {
                        PoolTemplates.expand(t, ParameterValues.none());
                    }
                } catch (TemplateException e) {
                    assertFalse(e.getMessage().contains("\n"), e.getMessage());
                    assertTrue(e.line() >= 0 && e.line() <= lines, "line " + e.line() + " of " + lines + ": " + e.getMessage());
                } catch (RuntimeException e) {
                    fail(name + " mangled at " + at + " (" + Path.of(name).getFileName() + ") threw " + e, e);
                }
            }
        }
    }

    /** The values whose names the mangled template still declares. */
    private static ParameterValues onlyDeclared(Template t, ParameterValues values) {
        java.util.Map<String, com.google.gson.JsonElement> kept = new java.util.LinkedHashMap<>();
        for (String n : values.names()) {
            if (t.parameter(n).isPresent()) {
                kept.put(n, values.get(n).value());
            }
        }
        return ParameterValues.of(kept);
    }
}
