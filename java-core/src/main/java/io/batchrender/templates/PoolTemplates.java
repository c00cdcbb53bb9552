package io.batchrender.templates;

import com.google.gson.JsonElement;
import java.util.Map;

/**
 * Expands pool templates: parameters applied, expressions evaluated, file groups resolved, the start
 * task's command line in the pool's shell ({@link TaskShell}).
 */
public final class PoolTemplates {

    private PoolTemplates() {
    }

    /**
     * The pool in the shape {@link ExpandedPool} describes.
     *
     * @throws TemplateException for anything wrong, naming the template line
     */
    public static ExpandedPool expand(Template template, ParameterValues values) {
        String file = template.file();
        if (!template.isPool()) {
            throw new TemplateException(file, template.bodyLine(), "this is a job template, not a pool template:"
                    + " run it with `template run`");
        }
        Map<String, JsonElement> params = ParameterResolver.resolve(template, values);
        Node.Obj pool = (Node.Obj) new Evaluator(template, params).evaluate(template.body());
        UnsupportedFields.check(file, pool);
        Node.Member id = pool.member("id");
        if (id == null || !(id.value() instanceof Node.Str idText) || idText.value().isBlank()) {
            throw new TemplateException(file, id == null ? pool.line() : id.line(), "the pool needs an \"id\" (text), e.g."
                    + " \"id\": \"[parameters('poolName')]\"");
        }
        pool = (Node.Obj) ResourceFiles.rewrite(file, pool);
        // the start task in the pool's shell, as the Batch CLI extensions create pools
        return TaskShell.wrap(new ExpandedPool(Nodes.toGson(pool).getAsJsonObject()));
    }
}
