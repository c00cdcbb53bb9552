package io.batchrender.render;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.batchrender.frames.FrameChunk;
import io.batchrender.frames.FrameSet;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class CommandSweepRendererTest {

    private static CommandSweepRenderer renderer(String... argv) {
        return new CommandSweepRenderer(List.of(argv));
    }

    private static FrameChunk frame(int f) {
        return new FrameChunk(List.of(f));
    }

    /** The single argument after the program, for a one-frame chunk. */
    private static String expand(String arg, FrameChunk chunk) {
        List<String> args = renderer("prog", arg).command(chunk).args();
        assertEquals(1, args.size(), () -> "one argument in, one out: " + args);
        return args.get(0);
    }

    @Test
    void frameIsReplaced() {
        assertEquals("in.7.exr", expand("in.{frame}.exr", frame(7)));
        assertEquals("-5", expand("{frame}", frame(-5)));
    }

    @ParameterizedTest
    @CsvSource({
            "7, 4, 0007",
            "-5, 4, -0005",
            "12345, 4, 12345",
            "0, 3, 000",
            "-12345, 2, -12345",
            "42, 1, 42"})
    void paddedFrame(int frame, int width, String expected) {
        assertEquals(expected, expand("{frame:" + width + "}", frame(frame)));
    }

    @Test
    void paddingOfTheSmallestIntHasOneMinusSign() {
        assertEquals("-2147483648", expand("{frame}", frame(Integer.MIN_VALUE)));
        assertEquals("-002147483648", expand("{frame:12}", frame(Integer.MIN_VALUE)));
    }

    @Test
    void startEndAndStepOfARangeChunk() {
        FrameChunk chunk = new FrameChunk(List.of(10, 15, 20, 25));
        List<String> args = renderer("prog", "--from={start}", "--to={end}", "--by={step}", "{start:3}-{end:3}")
                .command(chunk).args();
        assertEquals(List.of("--from=10", "--to=25", "--by=5", "010-025"), args);
    }

    @Test
    void startEndAndStepOfAOneFrameChunk() {
        assertEquals(List.of("3", "3", "1"), renderer("prog", "{start}", "{end}", "{step}").command(frame(3)).args());
    }

    @Test
    void doubledBracesAreLiteralBraces() {
        assertEquals("{frame}", expand("{{frame}}", frame(7)));
        assertEquals("{7}", expand("{{{frame}}}", frame(7)));
        assertEquals("a{b}c", expand("a{{b}}c", frame(7)));
        assertEquals("{}", expand("{{}}", frame(7)));
    }

    @Test
    void outputBecomesTheOutputDirPlaceholderWhichTheFarmFillsIn() {
        TaskCommand cmd = renderer("convert", "in.{frame:4}.exr", "{output}/out.{frame:4}.png").command(frame(7));
        assertEquals(List.of("in.0007.exr", TaskCommand.OUTPUT_DIR + "/out.0007.png"), cmd.args());
        assertEquals(List.of("in.0007.exr", "/farm/job 1/attempt$1/out.0007.png"),
                cmd.argsWithOutput("/farm/job 1/attempt$1"));
    }

    @Test
    void argumentsWithSpacesAndShellCharactersStayOneArgument() {
        TaskCommand cmd = renderer("prog", "a b; rm -rf / {frame}", "$HOME", "*", "x|y", "").command(frame(1));
        assertEquals(List.of("a b; rm -rf / 1", "$HOME", "*", "x|y", ""), cmd.args());
    }

    @Test
    void dollarAndBackslashInArgumentsAreNotRegexReplacementSyntax() {
        assertEquals("$1\\x-7", expand("$1\\x-{frame}", frame(7)));
    }

    @Test
    void programIsTheFirstArgumentAndIsNotRepeated() {
        TaskCommand cmd = renderer("/usr/bin/convert", "{frame}").command(frame(2));
        assertEquals("/usr/bin/convert", cmd.program().name());
        assertEquals(List.of("2"), cmd.args());
        assertEquals(0, cmd.minOutputFiles());
    }

    @Test
    void programAlone() {
        TaskCommand cmd = renderer("true").command(frame(1));
        assertEquals("true", cmd.program().name());
        assertEquals(List.of(), cmd.args());
    }

    @Test
    void nameIsCommandAndItTakesRanges() {
        CommandSweepRenderer r = renderer("prog", "{start}", "{end}");
        assertEquals("command", r.name());
        assertTrue(r.takesRanges());
    }

    @ParameterizedTest
    @ValueSource(strings = {"{frames}", "{Frame}", "{frame:}", "{frame:123}", "{ frame }", "{output:x}", "{}"})
    void unknownOrMalformedPlaceholderFails(String arg) {
        RenderSetupException e = assertThrows(RenderSetupException.class, () -> renderer("prog", arg));
        assertFalse(e.getMessage().contains("\n"));
    }

    @Test
    void unknownPlaceholderMessageNamesIt() {
        RenderSetupException e = assertThrows(RenderSetupException.class, () -> renderer("prog", "x{frames}y"));
        assertTrue(e.getMessage().contains("{frames}"), e.getMessage());
        assertTrue(e.getMessage().contains("x{frames}y"), e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"{", "}", "a{b", "a}b", "{frame", "frame}", "{{{", "}}}"})
    void loneBraceFails(String arg) {
        RenderSetupException e = assertThrows(RenderSetupException.class, () -> renderer("prog", arg));
        assertTrue(e.getMessage().contains("lone"), e.getMessage());
        assertTrue(e.getMessage().contains(arg), e.getMessage());
    }

    @Test
    void placeholderInTheProgramNameFails() {
        RenderSetupException e = assertThrows(RenderSetupException.class, () -> renderer("render{frame}", "x"));
        assertTrue(e.getMessage().contains("render{frame}"), e.getMessage());
    }

    @Test
    void emptyCommandFails() {
        assertThrows(RenderSetupException.class, () -> new CommandSweepRenderer(List.of()));
        assertThrows(RenderSetupException.class, () -> renderer(" "));
    }

    @Test
    void frameWithChunksOfSeveralFramesFails() {
        CommandSweepRenderer r = renderer("prog", "{frame}");
        RenderSetupException e = assertThrows(RenderSetupException.class,
                () -> r.check(FrameSet.parse("1-10"), 5));
        assertTrue(e.getMessage().contains("5"), e.getMessage());
    }

    @Test
    void paddedFrameWithChunksOfSeveralFramesFails() {
        assertThrows(RenderSetupException.class, () -> renderer("prog", "{frame:4}").check(FrameSet.parse("1-10"), 2));
    }

    @Test
    void frameWithChunksOfOneIsFine() {
        assertDoesNotThrow(() -> renderer("prog", "{frame}").check(FrameSet.parse("1-10"), 1));
    }

    @Test
    void rangePlaceholdersWithChunksOfSeveralFramesAreFine() {
        assertDoesNotThrow(() -> renderer("prog", "{start}", "{end}", "{step}").check(FrameSet.parse("1-10"), 5));
    }

    @Test
    void literalFrameInBracesIsNotTheFramePlaceholder() {
        assertDoesNotThrow(() -> renderer("prog", "{{frame}}").check(FrameSet.parse("1-10"), 5));
    }

    @Test
    void argvIsCopied() {
        List<String> argv = new java.util.ArrayList<>(List.of("prog", "{frame}"));
        CommandSweepRenderer r = new CommandSweepRenderer(argv);
        argv.set(1, "changed");
        assertEquals(List.of("4"), r.command(frame(4)).args());
    }
}
