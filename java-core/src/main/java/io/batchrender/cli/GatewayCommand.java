package io.batchrender.cli;

import com.google.gson.JsonObject;
import io.batchrender.bridge.BridgeApi;
import io.batchrender.bridge.Gateway;
import io.batchrender.bridge.Operations;
import io.batchrender.watch.Watchers;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

@Command(name = "gateway", mixinStandardHelpOptions = true,
        description = {"Serve the Java core to Python over Py4J (the Maya plug-in starts this itself).",
            "Listens on 127.0.0.1 only, on a free port, and accepts only clients that present the random token it"
                    + " prints as one JSON line {\"port\": ..., \"token\": ...}. Exits when its stdin closes, after"
                    + " letting submissions in progress finish (the agent and watchers carry on by themselves)."})
final class GatewayCommand implements Callable<Integer> {

    /** How long a closing gateway waits for submissions and other hand-off work in progress. */
    static final Duration HAND_OFF_WAIT = Duration.ofMinutes(10);

    private static final Logger LOG = Logger.getLogger(GatewayCommand.class.getName());

    private final Cli cli;

    GatewayCommand(Cli cli) {
        this.cli = cli;
    }

    @Override
    public Integer call() throws IOException, InterruptedException {
        LogFiles.configure(cli.home, "gateway.log");
        Operations ops = new Operations(Clock.systemUTC());
        BridgeApi api = new BridgeApi(cli.home, cli.env, Path.of("").toAbsolutePath(), cli.farms,
                new Watchers(cli.home, cli.env, Clock.systemUTC()), ops, Main.class.getAnnotation(Command.class).version()[0]);
        try (Gateway gateway = Gateway.start(api)) {
            JsonObject hello = new JsonObject();
            hello.addProperty("port", gateway.port());
            hello.addProperty("token", gateway.token());
            cli.out.println(hello);
            cli.out.flush();
            warmUp();
            waitForEndOfInput(System.in);
            int left = ops.handOff(HAND_OFF_WAIT);
            if (left > 0) {
                cli.err.println("warning: " + left + " operation(s) were still running when the gateway stopped.");
            }
        }
        return 0;
    }

    /**
     * In the background: first the local farm's submit path ({@link SubmitWarmup}, a fraction of a second: the artist
     * may click Submit soon after the plug-in loads), then the scanner, by reading a generated scene of a few MB, so
     * that the artist's first scan of the session runs compiled code (issue 18: the first scan of a 500 MB scene within
     * twice grep's time), then the upload path (a few hundred small files to a blob service in this process). A
     * failure only leaves the first submit, scan or upload slower.
     */
    private void warmUp() {
        Thread warm = new Thread(() -> {
            long start = System.nanoTime();
            try {
                LOG.info("submit path warmed up in " + SubmitWarmup.run(cli).toMillis() + " ms");
            } catch (RuntimeException e) {
                LOG.log(Level.INFO, "submit warm-up failed; the first submit runs cold", e);
            }
            Path dir = null;
            try {
                dir = WarmupFolder.create(cli.home.dir());
                Duration took = ScannerWarmup.run(dir, cli.env);
                LOG.info("scanner warmed up in " + took.toMillis() + " ms");
                // then the upload path, through the Azure SDK's whole HTTP stack to a blob service in this process
                long t0 = System.nanoTime();
                WarmupCommand.syncTwice(dir, UPLOAD_WARMUP_FILES);
                // its compilations drain before the gateway counts as settled: left queued, they would share the
                // cores with the artist's first scan
                ScannerWarmup.awaitCompilations();
                LOG.info("upload path warmed up in " + (System.nanoTime() - t0) / 1_000_000 + " ms");
            } catch (IOException | RuntimeException e) {
                LOG.log(Level.INFO, "warm-up failed; the first scan or upload runs cold", e);
            } finally {
                try {
                    WarmupFolder.delete(dir);
                } catch (IOException e) {
                    LOG.log(Level.FINE, "warm-up folder left behind: " + dir, e);
                }
            }
            // the line benchmarks wait for: the gateway has settled
            LOG.info("warm-up finished in " + (System.nanoTime() - start) / 1_000_000 + " ms");
        }, "gateway-warmup");
        warm.setDaemon(true);
        warm.start();
    }

    /** Small files the upload warm-up sends (twice: an upload and an unchanged re-sync). */
    static final int UPLOAD_WARMUP_FILES = 300;

    private static void waitForEndOfInput(InputStream in) throws IOException {
        byte[] buf = new byte[256];
        while (in.read(buf) >= 0) {
            // anything written to stdin is ignored: only its end matters
        }
    }
}
