package io.batchrender.templates;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Expands job templates: parameters applied, expressions evaluated, the task factory run. */
public final class JobTemplates {

    private JobTemplates() {
    }

    /**
     * The job and its tasks, in the shape {@link ExpandedJob} describes.
     *
     * @param values the values given for the template's parameters
     * @param files  lists the files of a {@code taskPerFile} source, and the file groups whose prefix
     *               may name exactly one file ({@link FileGroupFiles#none()} when the farm has no store)
     * @throws TemplateException for anything wrong, naming the template line; nothing is half-built
     */
    public static ExpandedJob expand(Template template, ParameterValues values, FileGroupFiles files) {
        String file = template.file();
        if (!template.isJob()) {
            throw new TemplateException(file, template.bodyLine(), "this is a pool template, not a job template:"
                    + " create the pool with `template pool`");
        }
        Map<String, JsonElement> params = ParameterResolver.resolve(template, values);
        Node.Obj job = (Node.Obj) new Evaluator(template, params).evaluate(template.body());
        UnsupportedFields.check(file, job);
        Node.Member id = job.member("id");
        if (id == null || !(id.value() instanceof Node.Str idText) || idText.value().isBlank()) {
            throw new TemplateException(file, id == null ? job.line() : id.line(), "the job needs an \"id\" (text), e.g."
                    + " \"id\": \"[parameters('jobName')]\"");
        }
        Node.Member factory = job.member("taskFactory");
        if (factory == null && !job.has("jobManagerTask")) {
            throw new TemplateException(file, job.line(), "the job has no \"taskFactory\" and no \"jobManagerTask\", so it"
                    + " would have no tasks: add a task factory (parametricSweep, taskPerFile or taskCollection)");
        }
        // a job driven by its job manager task alone (Batch Explorer's distributed-render templates) has no tasks here
        TaskFactories.Tasks tasks = factory == null ? new TaskFactories.Tasks(0, i -> {
            throw new IndexOutOfBoundsException(i);
        }) : TaskFactories.expand(file, factory, files);
        SingleFiles single = new SingleFiles(files);
        job = (Node.Obj) ResourceFiles.rewrite(file, job.without("taskFactory"), single);
        List<JsonObject> out = new ArrayList<>(tasks.count());
        boolean dependencies = false;
        for (int i = 0; i < tasks.count(); i++) {
            Node.Obj rewritten = (Node.Obj) ResourceFiles.rewrite(file, tasks.task().apply(i), single);
            dependencies |= rewritten.has("dependsOn");
            out.add(Nodes.toGson(rewritten).getAsJsonObject());
        }
        if (dependencies) {
            job = job.with("usesTaskDependencies", new Node.Bool(job.line(), true));
        }
        return new ExpandedJob(Nodes.toGson(job).getAsJsonObject(), out);
    }
}
