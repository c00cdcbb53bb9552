package io.batchrender.farm.local;

import io.batchrender.farm.Checksum;
import io.batchrender.farm.OutputFile;
import io.batchrender.farm.TaskFailure;
import io.batchrender.render.CommandLineSplitter;
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

/**
 * One attempt of a template task on this workstation, as a Batch node runs it: the node's folders
 * and {@code AZ_BATCH_*} variables, resource files fetched into the working folder, the command
 * line split into words and run without a shell, and after it ends the output files uploaded by
 * their upload condition.
 */
final class TemplateAttempt {

    /** The attempt could not start; {@code outcome} says how it ends. */
    static final class NotStarted extends Exception {
        final AttemptOutcome outcome;

        NotStarted(AttemptOutcome outcome) {
            super(outcome.failure().map(TaskFailure::message).orElse("not started"));
            this.outcome = outcome;
        }
    }

    private static final Logger LOG = Logger.getLogger(TemplateAttempt.class.getName());

    private final StateHome home;
    private final Map<String, String> agentEnv;
    private AssetStore store;

    TemplateAttempt(StateHome home, Map<String, String> agentEnv) {
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
        TemplateTask spec = task.template().orElseThrow().spec();
        Files.createDirectories(files.dir());
        Map<String, String> env = new HashMap<>(task.environment().isEmpty() ? agentEnv : task.environment());
        env.putAll(spec.environment());
        env.putAll(BatchNodeDirs.prepare(home, task, files.dir()));
        Path wd = BatchNodeDirs.workingDir(files.dir());
        // programs such as Blender resolve relative paths against $PWD, not the process's own folder
        env.put("PWD", wd.toString());
        ResourceFetcher fetcher = new ResourceFetcher(this::store);
        for (TemplateTask.ResourceFile file : spec.resourceFiles()) {
            try {
                fetcher.fetch(file, wd, cancel);
            } catch (ResourceFetcher.FetchFailed e) {
                note(files.stderr(), e.getMessage());
                throw new NotStarted(AttemptOutcome.failed(Optional.empty(), TemplateFailures.RESOURCE_FILES_FAILED,
                        e.getMessage()));
            }
        }
        if (cancel.isCancelled()) {
            throw new NotStarted(AttemptOutcome.requeued()); // the agent decides how it ends
        }
        List<String> argv = new ArrayList<>(CommandLineSplitter.split(spec.commandLine()));
        Optional<Path> exe = ProgramPath.find(argv.get(0), env, wd);
        if (exe.isEmpty()) {
            String message = "'" + argv.get(0) + "' is not on this workstation" + (ProgramPath.looksWindows(argv.get(0))
                    && !ProgramPath.onWindows() ? " (it is a Windows program: use the template's Linux variant)"
                    : ": install it or put its folder on PATH") + ".";
            note(files.stderr(), message);
            throw new NotStarted(AttemptOutcome.failedFinal(TemplateFailures.PROGRAM_NOT_FOUND, message));
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

    /** How an attempt whose process exited ends: outputs uploaded by their condition, then the verdict. */
    AttemptOutcome finish(ClaimedTask task, AttemptFiles files, int exitCode) {
        TemplateTask spec = task.template().orElseThrow().spec();
        boolean succeeded = exitCode == 0;
        Uploads uploads = uploadOutputs(task, files, succeeded);
        if (!succeeded) {
            String program = CommandLineSplitter.split(spec.commandLine()).get(0);
            return AttemptOutcome.failed(Optional.of(exitCode), TaskFailure.NON_ZERO_EXIT, program + " exited with code "
                    + exitCode + ": see 'batchrender job logs " + task.jobId() + " " + task.taskId() + "'.");
        }
        if (uploads.failure().isPresent()) {
            return AttemptOutcome.failed(Optional.of(exitCode), TemplateFailures.OUTPUT_FILES_FAILED, uploads.failure().get());
        }
        try {
            // the blobs it wrote to the local store, on disk before the attempt counts as succeeded: a watcher fetches exactly these
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

    /**
     * What an attempt uploaded: the blobs written to containers of the local store (a watcher can
     * read those; not the ones sent to container URLs) and why a taskSuccess output failed, if one did.
     */
    private record Uploads(List<OutputManifest.Entry> stored, Optional<String> failure) {
    }

    /** Uploads the outputs whose condition holds. */
    private Uploads uploadOutputs(ClaimedTask task, AttemptFiles files, boolean succeeded) {
        TemplateTask spec = task.template().orElseThrow().spec();
        Path wd = BatchNodeDirs.workingDir(files.dir());
        List<OutputManifest.Entry> stored = new ArrayList<>();
        Optional<String> failure = Optional.empty();
        for (TemplateTask.OutputSpec out : spec.outputFiles()) {
            if (!out.uploadsWhen(succeeded)) {
                continue;
            }
            try {
                List<OutputPattern.Match> matches = OutputPattern.match(out.filePattern(), out.path(), wd);
                if (matches.isEmpty()) {
                    LOG.info(task.key() + ": output pattern " + out.filePattern() + " matched no file");
                    continue;
                }
                BlobSource dest = out.container() != null ? BlobSource.local(store(), out.container(), true)
                        : new SasContainer(out.containerUrl());
                for (OutputPattern.Match m : matches) {
                    long size = Files.size(m.file());
                    String md5 = dest.upload(m.blobName(), m.file());
                    if (out.container() == null) {
                        continue;
                    }
                    if (OutputFile.isSafeName(m.blobName())) {
                        stored.add(new OutputManifest.Entry(new OutputFile(task.taskId(), m.blobName(), size,
                                Optional.of(new Checksum(Checksum.MD5, HexFormat.of().formatHex(Md5.decode(md5))))),
                                Optional.of(out.container())));
                    } else {
                        note(files.stderr(), "blob " + m.blobName() + " has a name that is not a file name on every system:"
                                + " a watcher will not fetch it (use 'batchrender download').");
                    }
                }
            } catch (IOException | StorageException e) {
                String message = "Output " + out.filePattern() + " could not be uploaded to " + out.destination() + " ("
                        + e.getMessage() + "): check the destination and try again.";
                note(files.stderr(), message);
                if (succeeded && failure.isEmpty()) {
                    failure = Optional.of(message);
                }
            }
        }
        return new Uploads(List.copyOf(stored), failure);
    }

    /** Adds a line from the farm to the attempt's stderr.txt, where the user reads the task's own errors. */
    private static void note(Path stderr, String line) {
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
