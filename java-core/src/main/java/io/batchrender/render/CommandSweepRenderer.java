package io.batchrender.render;

import io.batchrender.frames.FrameChunk;
import io.batchrender.frames.FrameSet;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Any program, run once per frame or chunk, as a parametric sweep. Each argument may hold
 * {@code {frame}}, {@code {start}}, {@code {end}}, {@code {step}} (zero-padded as {@code {frame:4}}) and
 * {@code {output}}; {@code {{} and {@code }}} stand for literal braces. Placeholders are replaced
 * inside each argument: the arguments are never joined into a shell string.
 */
public final class CommandSweepRenderer implements Renderer {

    private static final Pattern TOKEN = Pattern.compile("\\{\\{|}}|\\{([a-z]+)(?::(\\d{1,2}))?}|[{}]");
    private static final List<String> NAMES = List.of("frame", "start", "end", "step", "output");

    private final List<String> argv;
    private final boolean usesFrame;

    public CommandSweepRenderer(List<String> argv) {
        if (argv.isEmpty() || argv.get(0).isBlank()) {
            throw new RenderSetupException("The command is empty: give the program and its arguments, "
                    + "e.g. --command 'convert in.{frame:4}.exr out.{frame:4}.png'.");
        }
        this.argv = List.copyOf(argv);
        boolean frame = false;
        for (String arg : this.argv) {
            Matcher m = TOKEN.matcher(arg);
            while (m.find()) {
                String token = m.group();
                if (token.equals("{") || token.equals("}")) {
                    throw new RenderSetupException("Argument '" + arg + "' has a lone '" + token
                            + "': write {{ or }} for a literal brace, or use {frame}, {start}, {end}, {step}, {output}.");
                }
                String name = m.group(1);
                if (name != null && !NAMES.contains(name)) {
                    throw new RenderSetupException("Unknown placeholder {" + name + "} in '" + arg
                            + "': use {frame}, {start}, {end}, {step} or {output} (padded: {frame:4}).");
                }
                frame |= "frame".equals(name);
            }
        }
        if (argv.get(0).contains("{")) {
            throw new RenderSetupException("The program name '" + argv.get(0) + "' holds a placeholder: "
                    + "placeholders belong in its arguments.");
        }
        this.usesFrame = frame;
    }

    @Override
    public String name() {
        return "command";
    }

    @Override
    public boolean takesRanges() {
        return true;
    }

    @Override
    public void check(FrameSet frames, int chunkSize) {
        if (usesFrame && chunkSize > 1) {
            throw new RenderSetupException("{frame} names one frame but --chunk " + chunkSize
                    + " gives each task several: use {start}, {end} and {step}, or --chunk 1.");
        }
    }

    @Override
    public TaskCommand command(FrameChunk chunk) {
        List<String> args = new ArrayList<>();
        for (String arg : argv.subList(1, argv.size())) {
            args.add(substitute(arg, chunk));
        }
        return new TaskCommand(Program.named(argv.get(0)), args, 0);
    }

    private static String substitute(String arg, FrameChunk chunk) {
        Matcher m = TOKEN.matcher(arg);
        StringBuilder sb = new StringBuilder();
        while (m.find()) {
            String token = m.group();
            String value;
            if (token.equals("{{")) {
                value = "{";
            } else if (token.equals("}}")) {
                value = "}";
            } else {
                int width = m.group(2) == null ? 0 : Integer.parseInt(m.group(2));
                value = switch (m.group(1)) {
                    case "frame", "start" -> pad(chunk.start(), width);
                    case "end" -> pad(chunk.end(), width);
                    case "step" -> pad(chunk.step(), width);
                    default -> TaskCommand.OUTPUT_DIR;
                };
            }
            m.appendReplacement(sb, Matcher.quoteReplacement(value));
        }
        m.appendTail(sb);
        return sb.toString();
    }

    /** Zero-pads the digits to {@code width}, sign first: -5 at width 4 is {@code -0005}. */
    static String pad(int n, int width) {
        String digits = Long.toString(Math.abs((long) n));
        String padded = digits.length() >= width ? digits : "0".repeat(width - digits.length()) + digits;
        return n < 0 ? "-" + padded : padded;
    }
}
