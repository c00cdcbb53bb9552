package io.batchrender.cli;

import io.batchrender.submit.Failure;
import java.io.PrintWriter;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code batchrender}: submit renders and follow them on this workstation's farm. */
@Command(name = "batchrender", mixinStandardHelpOptions = true, version = "batchrender 0.1.0",
        description = "Render scenes on this workstation or on Azure Batch, and follow the jobs.")
public final class Main implements Runnable {

    /**
     * The subcommands, in the order help lists them. Registered here rather than in the annotation so that a
     * command line naming one builds only that one's model: picocli introspects every registered class, which
     * costs about 0.2 s of start-up when all are built.
     */
    private static final List<Class<?>> SUBCOMMANDS = List.of(SubmitCommand.class, ScanCommand.class,
            JobsCommand.class, JobCommand.class, PoolsCommand.class, PoolCommand.class, AgentCommand.class,
            CommandLine.HelpCommand.class,
            WatchCommand.class, WatchersCommand.class, GatewayCommand.class,
            UploadCommand.class, ProjectsCommand.class, ProjectCommand.class, DownloadCommand.class, StorageCommand.class,
            TemplateCommand.class, WarmupCommand.class);

    /** Exit code of a command whose input was wrong (bad frames, missing scene); {@link Failure} decides which. */
    public static final int EXIT_USAGE = Failure.EXIT_USAGE;
    /** Exit code of a job that ended with failed tasks, or of a failure of the farm or storage, or an unexpected error. */
    public static final int EXIT_FAILED = Failure.EXIT_FAILED;

    private static final Logger LOG = Logger.getLogger(Main.class.getName());

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        PrintWriter out = new PrintWriter(System.out, true);
        PrintWriter err = new PrintWriter(System.err, true);
        int code = run(args, System.getenv(), out, err);
        out.flush();
        err.flush();
        NetworkThreads.release();
        System.exit(code);
    }

    /** Runs one command line; the environment decides the state folder ({@code BATCHRENDER_HOME}). */
    public static int run(String[] args, Map<String, String> env, PrintWriter out, PrintWriter err) {
        Cli cli = new Cli(env, out, err);
        EarlyAgentStart.startIfWanted(List.of(args), cli);
        LogFiles.configure(cli.home, args.length > 0 && args[0].equals("agent") ? "agent.log" : "batchrender.log");
        Factory factory = new Factory(cli);
        CommandLine cmd = new CommandLine(new Main(), factory);
        addSubcommands(cmd, factory, args.length > 0 ? args[0] : "");
        cmd.setOut(out);
        cmd.setErr(err);
        cmd.setParameterExceptionHandler((e, given) -> {
            String where = e.getCommandLine().getCommandSpec().qualifiedName();
            err.println("error: " + e.getMessage().replace('\n', ' ') + " (see '" + where + " --help')");
            return EXIT_USAGE;
        });
        cmd.setExecutionExceptionHandler((e, line, parsed) -> {
            Failure failure = Failure.of(e);
            if (failure.expected()) {
                LOG.log(Level.FINE, failure + " error", e);
                err.println("error: " + e.getMessage());
            } else {
                LOG.log(Level.SEVERE, "unexpected error", e);
                err.println("error: " + e + " (details in " + cli.home.logsDir().resolve("batchrender.log") + ")");
            }
            return failure.exitCode();
        });
        return cmd.execute(args);
    }

    /** Adds only the subcommand {@code first} names when it names one; all of them otherwise ({@code help}, typos). */
    private static void addSubcommands(CommandLine cmd, Factory factory, String first) {
        for (Class<?> c : SUBCOMMANDS) {
            if (c != CommandLine.HelpCommand.class && c.getAnnotation(Command.class).name().equals(first)) {
                cmd.addSubcommand(new CommandLine(c, factory));
                return;
            }
        }
        for (Class<?> c : SUBCOMMANDS) {
            cmd.addSubcommand(new CommandLine(c, factory));
        }
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** Hands each command the shared {@link Cli}. */
    private record Factory(Cli cli) implements CommandLine.IFactory {
        @Override
        public <K> K create(Class<K> cls) throws Exception {
            try {
                return cls.getDeclaredConstructor(Cli.class).newInstance(cli);
            } catch (NoSuchMethodException none) {
                return CommandLine.defaultFactory().create(cls);
            }
        }
    }
}
