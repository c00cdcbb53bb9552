package io.batchrender.templates;

import java.util.Map;

/**
 * Features of the Batch CLI extensions this engine does not run, refused by name and line rather
 * than passed on to a service that would reject them (or, worse, ignore them).
 */
final class UnsupportedFields {

    private static final Map<String, String> FIXES = Map.of(
            "applicationTemplateInfo", "application templates are not supported: put the job's fields in this template",
            "packageReferences", "package references are not supported: install packages in the pool's start task or"
                    + " use an image that has them");

    private UnsupportedFields() {
    }

    /** Throws for the first unsupported field anywhere in {@code n} (keys only). */
    static void check(String file, Node n) {
        if (n instanceof Node.Obj o) {
            for (Node.Member m : o.members()) {
                String fix = FIXES.get(m.key());
                if (fix != null) {
                    throw new TemplateException(file, m.line(), "\"" + m.key() + "\": " + fix);
                }
                check(file, m.value());
            }
        } else if (n instanceof Node.Arr a) {
            for (Node item : a.items()) {
                check(file, item);
            }
        }
    }
}
