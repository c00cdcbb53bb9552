package io.batchrender.farm.local;

import io.batchrender.farm.Checksum;
import io.batchrender.farm.OutputFile;
import io.batchrender.farm.TaskFailure;
import io.batchrender.job.Command;
import io.batchrender.job.ResourceFile;
import io.batchrender.render.CommandLineSplitter;
import io.batchrender.render.Program;
import io.batchrender.render.ProgramLocator;
import io.batchrender.settings.StateHome;
import io.batchrender.storage.AssetStore;
import io.batchrender.storage.AssetStores;
import io.batchrender.storage.Cancellation;
import io.batchrender.storage.Md5;
import io.batchrender.storage.StorageException;
import io.batchrender.storage.local.LocalBlobStore;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Logger;
import java.util.stream.Collectors;

/**
 * One attempt of a task on this workstation, as a Batch node runs it: the node's folders and
 * {@code AZ_BATCH_*} variables, resource files fetched into the working folder, the command run as an
 * argument list without a shell (a command line split into words, a program call as it is), and
 * after it ends the output files uploaded or published by their upload condition. The attempt's
 * outputs folder ({@link Command#OUTPUT_DIR}) is {@code <working folder>/images}, made fresh; a
 * successful attempt must leave the task's {@code requiredOutputs} files there.
 */
final class TaskAttempt {

    /** The folder of the working folder a command writes its outputs to: the name the Azure node script uses. */
    static final String IMAGES = "images";

    /** The attempt could not start; {@code outcome} says how it ends. */
    static final class NotStarted extends Exception {
        final AttemptOutcome outcome;

        NotStarted(AttemptOutcome outcome) {
            super(outcome.failure().map(TaskFailure::message).orElse("not started"));
            this.outcome = outcome;
        }
    }

    private static final Logger LOG = Logger.getLogger(TaskAttempt.class.getName());

    private final StateHome home;
    private final Map<String, String> agentEnv;
    private AssetStore store;

    TaskAttempt(StateHome home, Map<String, String> agentEnv) {
        this.home = home;
        this.agentEnv = Map.copyOf(agentEnv);
    }

    /** The local store, opened when a task first needs it. */
    private synchronized AssetStore store() {
        if (store == null) {
            store = LocalBlobStore.open(AssetStores.localRoot(home));
        }
        return store;
    }

    /**
     * Lays out the folders, fetches the resource files and starts the command. Runs on a transfer
     * thread; {@code cancel} stops a fetch between files.
     */
    Process start(ClaimedTask task, AttemptFiles files, Cancellation cancel) throws IOException, NotStarted {
        Files.createDirectories(files.dir());
        Map<String, String> env = new HashMap<>(agentEnv);
        env.putAll(task.jobEnvironment());
        env.putAll(task.task().environment());
        env.putAll(BatchNodeDirs.prepare(home, task, files.dir()));
        Path wd = BatchNodeDirs.workingDir(files.dir());
        Path images = files.images();
        OutputStager.deleteTree(images);
        if (writesOutputs(task.task())) {
            Files.createDirectories(images); // else the working folder holds only what the task brings, as on a node
        }
        // programs such as Blender resolve relative paths against $PWD, not the process's own folder
        env.put("PWD", wd.toString());
        env.put("BATCHRENDER_JOB_ID", task.jobId());
        env.put("BATCHRENDER_TASK_ID", task.taskId());
        env.put("BATCHRENDER_FRAMES", task.task().frames().stream().map(String::valueOf).collect(Collectors.joining(",")));
        env.put("BATCHRENDER_OUTPUT_DIR", images.toString());
        ResourceFetcher fetcher = new ResourceFetcher(this::store);
        for (ResourceFile file : task.task().resourceFiles()) {
            try {
                fetcher.fetch(file, wd, cancel);
            } catch (ResourceFetcher.FetchFailed e) {
                note(files.stderr(), e.getMessage());
                throw new NotStarted(AttemptOutcome.failed(Optional.empty(), TaskFailure.RESOURCE_FILES_FAILED,
                        e.getMessage()));
            }
        }
        if (cancel.isCancelled()) {
            throw new NotStarted(AttemptOutcome.requeued()); // the agent decides how it ends
        }
        List<String> argv = argv(task.task().command(), images);
        Program program = task.task().command() instanceof Command.Call call ? call.program() : Program.named(argv.get(0));
        Optional<Path> exe = new ProgramLocator(env).locate(program, wd);
        if (exe.isEmpty()) {
            String message = ProgramLocator.notFoundMessage(program) + (ProgramCheck.looksWindows(program.name())
                    && !ProgramCheck.onWindows() ? " (It is a Windows program: use the template's Linux variant.)" : "");
            note(files.stderr(), message);
            throw new NotStarted(AttemptOutcome.failedFinal(TaskFailure.RENDERER_NOT_FOUND, message));
        }
        argv.set(0, exe.get().toString());
        ProcessBuilder pb = new ProcessBuilder(argv)
                .directory(wd.toFile())
                .redirectOutput(ProcessBuilder.Redirect.appendTo(files.stdout().toFile()))
                .redirectError(ProcessBuilder.Redirect.appendTo(files.stderr().toFile()))
                .redirectInput(ProcessBuilder.Redirect.from(new File(File.separatorChar == '\\' ? "NUL" : "/dev/null")));
        pb.environment().clear();
        pb.environment().putAll(env);
        return pb.start();
    }

    /** Whether the command writes into {@link Command#OUTPUT_DIR}, or the task must leave outputs there. */
    private static boolean writesOutputs(io.batchrender.job.Task task) {
        boolean mentions = task.command() instanceof Command.Call call
                ? call.args().stream().anyMatch(a -> a.contains(Command.OUTPUT_DIR))
                : ((Command.Line) task.command()).text().contains(Command.OUTPUT_DIR);
        return mentions || task.requiredOutputs() > 0;
    }

    /** The program and its arguments, {@link Command#OUTPUT_DIR} filled in: a line split as a shell would, never run by one. */
    private static List<String> argv(Command command, Path images) {
        List<String> argv = new ArrayList<>();
        if (command instanceof Command.Call call) {
            argv.add(call.program().name());
            argv.addAll(call.argsWithOutput(images.toString()));
        } else {
            for (String word : CommandLineSplitter.split(((Command.Line) command).text())) {
                argv.add(word.replace(Command.OUTPUT_DIR, images.toString()));
            }
        }
        return argv;
    }

    private static String programName(Command command) {
        return command instanceof Command.Call call ? call.program().name()
                : CommandLineSplitter.split(((Command.Line) command).text()).get(0);
    }

    /**
     * How an attempt whose process exited ends: it succeeded when it exited 0 and left its required
     * outputs; then its outputs are uploaded or published by their condition, and then the verdict.
     */
    AttemptOutcome finish(ClaimedTask task, AttemptFiles files, int exitCode) {
        String logs = ": see 'batchrender job logs " + task.jobId() + " " + task.taskId() + "'.";
        Optional<AttemptOutcome> failure = Optional.empty();
        if (exitCode != 0) {
            failure = Optional.of(AttemptOutcome.failed(Optional.of(exitCode), TaskFailure.NON_ZERO_EXIT,
                    programName(task.task().command()) + " exited with code " + exitCode + logs));
        } else if (task.task().requiredOutputs() > 0) {
            int written = count(files.images());
            if (written < task.task().requiredOutputs()) {
                failure = Optional.of(AttemptOutcome.failed(Optional.of(exitCode), TaskFailure.MISSING_OUTPUT,
                        programName(task.task().command()) + " exited 0 but wrote " + written + " of "
                                + task.task().requiredOutputs() + " images" + logs));
            }
        }
        Uploads uploads = uploadOutputs(task, files, failure.isEmpty());
        if (failure.isPresent()) {
            return failure.get();
        }
        if (uploads.failure().isPresent()) {
            return AttemptOutcome.failed(Optional.of(exitCode), TaskFailure.OUTPUT_FILES_FAILED, uploads.failure().get());
        }
        try {
            // on disk before the attempt counts as succeeded: a watcher fetches exactly these
            OutputManifest.write(files.manifest(), uploads.stored());
        } catch (IOException e) {
            LOG.warning("could not write " + files.manifest() + ": " + e.getMessage());
        }
        return AttemptOutcome.succeeded(exitCode);
    }

    /** After a failed attempt that did not exit by itself (timeout): the taskFailure/taskCompletion outputs, best effort. */
    void uploadAfterFailure(ClaimedTask task, AttemptFiles files) {
        uploadOutputs(task, files, false);
    }

    private static int count(Path dir) {
        try {
            return OutputStager.files(dir).size();
        } catch (IOException e) {
            return 0;
        }
    }

    /**
     * What an attempt uploaded or published: the files it put where a watcher can read them (the job's
     * output folder, containers of the local store; not container URLs) and why an output failed, if one did.
     */
    private record Uploads(List<OutputManifest.Entry> stored, Optional<String> failure) {
    }

    /** Uploads or publishes the outputs whose condition holds. */
    private Uploads uploadOutputs(ClaimedTask task, AttemptFiles files, boolean succeeded) {
        Path wd = BatchNodeDirs.workingDir(files.dir());
        List<OutputManifest.Entry> stored = new ArrayList<>();
        Optional<String> failure = Optional.empty();
        for (io.batchrender.job.OutputFile out : task.task().outputFiles()) {
            if (!out.uploadCondition().uploadsWhen(succeeded)) {
                continue;
            }
            var dest = out.destination();
            try {
                List<OutputPattern.Match> matches = OutputPattern.match(out.filePattern(),
                        dest.path().isEmpty() ? null : dest.path(), wd);
                if (matches.isEmpty()) {
                    LOG.info(task.key() + ": output pattern " + out.filePattern() + " matched no file");
                    continue;
                }
                if (dest.jobOutputFolder()) {
                    stored.addAll(publish(task, matches));
                    continue;
                }
                Optional<String> container = dest.autoStorageContainerName();
                BlobSource target = container.isPresent() ? BlobSource.local(store(), container.get(), true)
                        : new SasContainer(dest.containerUrl().orElseThrow());
                for (OutputPattern.Match m : matches) {
                    long size = Files.size(m.file());
                    String md5 = target.upload(m.blobName(), m.file());
                    if (container.isEmpty()) {
                        continue;
                    }
                    if (OutputFile.isSafeName(m.blobName())) {
                        stored.add(new OutputManifest.Entry(new OutputFile(task.taskId(), m.blobName(), size,
                                Optional.of(new Checksum(Checksum.MD5, HexFormat.of().formatHex(Md5.decode(md5))))),
                                container));
                    } else {
                        note(files.stderr(), "blob " + m.blobName() + " has a name that is not a file name on every system:"
                                + " a watcher will not fetch it (use 'batchrender download').");
                    }
                }
            } catch (IOException | StorageException e) {
                String message = "Output " + out.filePattern() + " could not be " + (dest.jobOutputFolder()
                        ? "moved to " + task.outputDir() + " (" + e.getMessage() + "): check that the folder is writable"
                        + " and the disk is not full." : "uploaded to " + dest.describe() + " (" + e.getMessage()
                        + "): check the destination and try again.");
                note(files.stderr(), message);
                if (succeeded && failure.isEmpty()) {
                    failure = Optional.of(message);
                }
            }
        }
        return new Uploads(List.copyOf(stored), failure);
    }

    /** Moves the files into the job's output folder, each whole (atomic rename), and describes them for the list. */
    private static List<OutputManifest.Entry> publish(ClaimedTask task, List<OutputPattern.Match> matches) throws IOException {
        Path target = task.outputDir().toAbsolutePath().normalize();
        Files.createDirectories(target);
        List<OutputManifest.Entry> published = new ArrayList<>();
        for (OutputPattern.Match m : matches) {
            Path dest = target.resolve(m.blobName()).normalize();
            if (!dest.startsWith(target)) {
                throw new IOException("output " + m.blobName() + " would land outside " + target);
            }
            published.add(OutputManifest.Entry.published(OutputManifest.describe(task.taskId(), m.blobName(), m.file())));
            OutputStager.move(m.file(), dest);
        }
        return published;
    }

    /** Adds a line from the farm to the attempt's stderr.txt, where the user reads the task's own errors. */
    static void note(Path stderr, String line) {
        try {
            Files.createDirectories(stderr.getParent());
            Files.writeString(stderr, "batchrender: " + line + System.lineSeparator(), StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException ignored) {
            // the database holds the message too
        }
    }

    void close() {
        if (store != null) {
            store.close();
        }
    }
}
