package io.batchrender.templates;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;
import java.util.regex.Pattern;

/**
 * Runs a job's {@code taskFactory} (expressions already evaluated) into the tasks to submit:
 * {@code taskCollection} keeps its tasks and their ids; {@code parametricSweep} and
 * {@code taskPerFile} repeat {@code repeatTask} with ids {@code "0"}, {@code "1"}, ... and add the
 * optional {@code mergeTask} last as {@code "merge"}, depending on all of them.
 */
final class TaskFactories {

    /**
     * The tasks a factory makes, built one at a time when asked for, so that a 100,000-task sweep
     * never holds every task twice.
     */
    record Tasks(int count, IntFunction<Node.Obj> task) {
    }

    /** The most tasks one template may make. */
    static final int MAX_TASKS = 100_000;
    private static final Pattern TASK_ID = Pattern.compile("[A-Za-z0-9_-]{1,64}");

    private TaskFactories() {
    }

    static Tasks expand(String file, Node.Member factoryMember, FileGroupFiles files) {
        if (!(factoryMember.value() instanceof Node.Obj f)) {
            throw new TemplateException(file, factoryMember.line(), "\"taskFactory\" must be an object with a \"type\"");
        }
        Node.Member type = f.member("type");
        if (type == null) {
            throw new TemplateException(file, f.line(), "the taskFactory has no \"type\": add \"type\": \"parametricSweep\""
                    + " (or taskCollection, taskPerFile)");
        }
        String t = type.value() instanceof Node.Str s ? s.value() : "";
        switch (t) {
            case "taskCollection":
                return collection(file, f);
            case "parametricSweep":
                return withMerge(file, f, sweep(file, f));
            case "taskPerFile":
                return withMerge(file, f, perFile(file, f, files));
            default:
                throw new TemplateException(file, type.line(), "unknown taskFactory type "
                        + (type.value() instanceof Node.Str s ? Nodes.show(s.value()) : Nodes.kind(type.value()))
                        + ": use taskCollection, parametricSweep or taskPerFile");
        }
    }

    private static Tasks collection(String file, Node.Obj f) {
        Node.Member merge = f.member("mergeTask");
        if (merge != null) {
            throw new TemplateException(file, merge.line(), "a taskCollection has no mergeTask: add the task to \"tasks\""
                    + " with a \"dependsOn\" on the others");
        }
        Node.Member tasksMember = f.member("tasks");
        if (tasksMember == null || !(tasksMember.value() instanceof Node.Arr arr) || arr.items().isEmpty()) {
            throw new TemplateException(file, tasksMember == null ? f.line() : tasksMember.line(),
                    "a taskCollection needs \"tasks\": a non-empty array of tasks, each with an \"id\" and a \"commandLine\"");
        }
        if (arr.items().size() > MAX_TASKS) {
            throw tooMany(file, tasksMember.line(), arr.items().size(), "tasks");
        }
        List<Node.Obj> out = new ArrayList<>(arr.items().size());
        Map<String, Integer> ids = new HashMap<>();
        io.batchrender.job.TaskIds taskIds = new io.batchrender.job.TaskIds(); // Batch's rules: case, reserved ids
        for (Node item : arr.items()) {
            if (!(item instanceof Node.Obj task)) {
                throw new TemplateException(file, item.line(), "each task must be an object, not " + Nodes.kind(item));
            }
            Node.Member id = task.member("id");
            if (id == null) {
                throw new TemplateException(file, task.line(), "this task has no \"id\": in a taskCollection each task"
                        + " names itself, e.g. \"id\": \"frame001\"");
            }
            if (!(id.value() instanceof Node.Str idText) || !TASK_ID.matcher(idText.value()).matches()) {
                throw new TemplateException(file, id.line(), "task id " + (id.value() instanceof Node.Str s
                        ? Nodes.show(s.value()) : Nodes.kind(id.value())) + " must be 1 to 64 letters, digits, '-' or '_'");
            }
            java.util.Optional<String> idProblem = taskIds.add(idText.value());
            if (idProblem.isPresent()) {
                Integer before = ids.get(idText.value().toLowerCase(java.util.Locale.ROOT));
                throw new TemplateException(file, id.line(), idProblem.get() + (before == null ? "" : " (see also line " + before + ")"));
            }
            ids.put(idText.value().toLowerCase(java.util.Locale.ROOT), id.line());
            requireCommandLine(file, task, "this task");
            out.add(task);
        }
        return new Tasks(out.size(), out::get);
    }

    private static Tasks sweep(String file, Node.Obj f) {
        Node.Member setsMember = f.member("parameterSets");
        if (setsMember == null || !(setsMember.value() instanceof Node.Arr sets) || sets.items().isEmpty()) {
            throw new TemplateException(file, setsMember == null ? f.line() : setsMember.line(), "a parametricSweep needs"
                    + " \"parameterSets\": a non-empty array such as [{\"start\": 1, \"end\": 10, \"step\": 1}]");
        }
        Node.Obj repeat = repeatTask(file, f);
        int dims = sets.items().size();
        long[] starts = new long[dims];
        long[] steps = new long[dims];
        long[] counts = new long[dims];
        BigInteger product = BigInteger.ONE;
        for (int d = 0; d < dims; d++) {
            Node item = sets.items().get(d);
            if (!(item instanceof Node.Obj set)) {
                throw new TemplateException(file, item.line(), "parameter set " + d + " must be an object such as"
                        + " {\"start\": 1, \"end\": 10}, not " + Nodes.kind(item));
            }
            long start = whole(file, set, "start", d, null);
            long end = whole(file, set, "end", d, null);
            long step = whole(file, set, "step", d, 1L);
            if (step == 0) {
                throw new TemplateException(file, set.member("step").line(), "parameter set " + d + ": \"step\" is 0:"
                        + " use 1 (or -1 to count down from start to end)");
            }
            if (end < start && step > 0) {
                throw new TemplateException(file, set.member("end").line(), "parameter set " + d + ": \"end\" (" + end
                        + ") is before \"start\" (" + start + "): make end at least start, or count down with a negative"
                        + " \"step\"");
            }
            if (end > start && step < 0) {
                throw new TemplateException(file, set.member("step").line(), "parameter set " + d + ": \"step\" is " + step
                        + " but \"end\" (" + end + ") is after \"start\" (" + start + "): a sweep that counts up takes a"
                        + " positive step");
            }
            starts[d] = start;
            steps[d] = step;
            BigInteger count = BigInteger.valueOf(end).subtract(BigInteger.valueOf(start)).abs()
                    .divide(BigInteger.valueOf(step).abs()).add(BigInteger.ONE);
            product = product.multiply(count);
            counts[d] = count.min(BigInteger.valueOf(MAX_TASKS + 1L)).longValue();
        }
        if (product.compareTo(BigInteger.valueOf(MAX_TASKS)) > 0) {
            throw tooMany(file, setsMember.line(), product.toString(), "parameter sets");
        }
        long total = product.longValue();
        return new Tasks((int) total, i -> {
            long[] values = new long[dims];
            long rest = i;
            for (int d = dims - 1; d >= 0; d--) {
                values[d] = starts[d] + (rest % counts[d]) * steps[d];
                rest /= counts[d];
            }
            Node.Obj task = (Node.Obj) Placeholders.apply(repeat, Placeholders.sweep(values), file);
            return withId(task, Integer.toString(i), repeat.line());
        });
    }

    private static Tasks perFile(String file, Node.Obj f, FileGroupFiles files) {
        Node.Member sourceMember = f.member("source");
        if (sourceMember == null || !(sourceMember.value() instanceof Node.Obj source)) {
            throw new TemplateException(file, sourceMember == null ? f.line() : sourceMember.line(), "a taskPerFile needs a"
                    + " \"source\" such as {\"fileGroup\": \"shot010\", \"prefix\": \"plates/\"}");
        }
        Node.Obj repeat = repeatTask(file, f);
        String prefix = "";
        Node.Member prefixMember = source.member("prefix");
        if (prefixMember != null) {
            if (!(prefixMember.value() instanceof Node.Str p)) {
                throw new TemplateException(file, prefixMember.line(), "\"prefix\" must be text");
            }
            prefix = p.value();
        }
        Node.Member group = source.member("fileGroup");
        Node.Member container = source.member("container");
        Node.Member url = source.member("containerUrl");
        int given = (group != null ? 1 : 0) + (container != null ? 1 : 0) + (url != null ? 1 : 0);
        if (given != 1) {
            throw new TemplateException(file, source.line(), "the source needs exactly one of \"fileGroup\", \"container\""
                    + " or \"containerUrl\"");
        }
        Node.Member which = group != null ? group : container != null ? container : url;
        if (!(which.value() instanceof Node.Str name) || name.value().isEmpty()) {
            throw new TemplateException(file, which.line(), "\"" + which.key() + "\" must be non-empty text");
        }
        String described;
        List<SourceFile> listed;
        try {
            if (group != null) {
                String c = ResourceFiles.container(file, which.line(), name.value());
                described = "file group '" + name.value() + "' (container " + c + ")";
                listed = files.list(c, prefix);
            } else if (container != null) {
                described = "container " + name.value();
                listed = files.list(name.value(), prefix);
            } else {
                described = "the containerUrl";
                listed = files.listContainerUrl(name.value(), prefix);
            }
        } catch (TemplateException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new TemplateException(file, which.line(), "cannot list the files of the taskPerFile source: " + e.getMessage(), e);
        }
        if (listed.isEmpty()) {
            throw new TemplateException(file, which.line(), "no files in " + described
                    + (prefix.isEmpty() ? "" : " under the prefix " + Nodes.show(prefix))
                    + ", so the taskPerFile makes no tasks: upload the files first or fix the "
                    + (prefix.isEmpty() ? which.key() : "prefix"));
        }
        if (listed.size() > MAX_TASKS) {
            throw tooMany(file, which.line(), listed.size(), "files");
        }
        List<SourceFile> sources = List.copyOf(listed);
        return new Tasks(sources.size(), i -> {
            Node.Obj task = (Node.Obj) Placeholders.apply(repeat, Placeholders.file(sources.get(i)), file);
            return withId(task, Integer.toString(i), repeat.line());
        });
    }

    private static Tasks withMerge(String file, Node.Obj f, Tasks tasks) {
        Node.Member mergeMember = f.member("mergeTask");
        if (mergeMember == null) {
            return tasks;
        }
        if (!(mergeMember.value() instanceof Node.Obj merge)) {
            throw new TemplateException(file, mergeMember.line(), "\"mergeTask\" must be a task object with a \"commandLine\"");
        }
        Node.Member id = merge.member("id");
        if (id != null && !(id.value() instanceof Node.Str s && s.value().equals("merge"))) {
            throw new TemplateException(file, id.line(), "the mergeTask's id is always \"merge\": remove this \"id\"");
        }
        Node.Member deps = merge.member("dependsOn");
        if (deps != null) {
            throw new TemplateException(file, deps.line(), "the mergeTask always depends on every task of the factory:"
                    + " remove this \"dependsOn\"");
        }
        requireCommandLine(file, merge, "the mergeTask");
        int line = merge.line();
        Node.Obj range = new Node.Obj(line, List.of(
                new Node.Member("start", line, new Node.Num(line, BigDecimal.ZERO)),
                new Node.Member("end", line, new Node.Num(line, BigDecimal.valueOf(tasks.count() - 1L)))));
        Node.Obj dependsOn = new Node.Obj(line, List.of(
                new Node.Member("taskIdRanges", line, new Node.Arr(line, List.of(range)))));
        Node.Obj mergeTask = withId(merge.without("id"), "merge", line).with("dependsOn", dependsOn);
        int n = tasks.count();
        return new Tasks(n + 1, i -> i < n ? tasks.task().apply(i) : mergeTask);
    }

    private static Node.Obj repeatTask(String file, Node.Obj f) {
        Node.Member m = f.member("repeatTask");
        if (m == null || !(m.value() instanceof Node.Obj repeat)) {
            throw new TemplateException(file, m == null ? f.line() : m.line(), "the taskFactory needs a \"repeatTask\":"
                    + " the task to repeat, with a \"commandLine\"");
        }
        Node.Member id = repeat.member("id");
        if (id != null) {
            throw new TemplateException(file, id.line(), "a repeatTask has no \"id\": its tasks are numbered 0, 1, ...;"
                    + " remove it (use \"displayName\" for a readable name)");
        }
        Node.Member deps = repeat.member("dependsOn");
        if (deps != null) {
            throw new TemplateException(file, deps.line(), "a repeatTask cannot have \"dependsOn\": use a mergeTask to run"
                    + " something after all of them");
        }
        requireCommandLine(file, repeat, "the repeatTask");
        return repeat;
    }

    private static void requireCommandLine(String file, Node.Obj task, String what) {
        Node.Member c = task.member("commandLine");
        if (c == null || !(c.value() instanceof Node.Str s) || s.value().isBlank()) {
            throw new TemplateException(file, c == null ? task.line() : c.line(), what + " needs a \"commandLine\"");
        }
    }

    private static long whole(String file, Node.Obj set, String key, int d, Long otherwise) {
        Node.Member m = set.member(key);
        if (m == null) {
            if (otherwise != null) {
                return otherwise;
            }
            throw new TemplateException(file, set.line(), "parameter set " + d + " has no \"" + key + "\": add it");
        }
        Node v = m.value();
        if (v instanceof Node.Num n && n.isLong()) {
            return n.asLong();
        }
        if (v instanceof Node.Str s && s.value().matches("-?\\d{1,18}")) {
            return Long.parseLong(s.value());
        }
        throw new TemplateException(file, m.line(), "parameter set " + d + ": \"" + key + "\" must be a whole number, got "
                + (v instanceof Node.Str s ? Nodes.show(s.value()) : Nodes.kind(v)));
    }

    private static Node.Obj withId(Node.Obj task, String id, int line) {
        List<Node.Member> members = new ArrayList<>(task.members().size() + 1);
        members.add(new Node.Member("id", line, new Node.Str(line, id)));
        members.addAll(task.members());
        return new Node.Obj(task.line(), members);
    }

    private static TemplateException tooMany(String file, int line, Object count, String what) {
        return new TemplateException(file, line, "these " + what + " make " + count + " tasks,"
                + " more than the " + MAX_TASKS + " one job takes here: split the work into several jobs"
                + (what.equals("parameter sets") ? " or use a larger step" : ""));
    }
}
