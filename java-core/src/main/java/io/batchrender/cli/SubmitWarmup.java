package io.batchrender.cli;

import io.batchrender.compile.SubmitForm;
import io.batchrender.farm.Farms;
import io.batchrender.submit.SubmitService;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Warms a long-lived JVM (the gateway) up for the artist's first submit to the local farm: previews a one-task
 * command job there (the form checked and compiled, the farm's database opened, with SQLite's native library and
 * classes, the job as JSON) and asks whether an agent runs (the lock's probe). Nothing is stored and no agent is
 * started. Without it that first submit loaded those classes on the artist's clock before it started the agent
 * (issue 18: the first task within 0.5 s of the submit).
 */
final class SubmitWarmup {

    private SubmitWarmup() {
    }

    /** Runs the warm-up; returns how long it took. */
    static Duration run(Cli cli) {
        long start = System.nanoTime();
        SubmitForm form = new SubmitForm(Optional.empty(), Optional.of(List.of("true")), Optional.of("1"), List.of(),
                false, 1, Optional.empty(), Optional.of("warm-up"), Optional.empty(), 0, Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());
        SubmitService service = new SubmitService(cli.farms, cli.home, cli.env, Path.of("").toAbsolutePath());
        service.preview(new SubmitService.Request(form, Farms.LOCAL, Optional.empty()));
        cli.farms.localAgent().isRunning();
        return Duration.ofNanos(System.nanoTime() - start);
    }
}
