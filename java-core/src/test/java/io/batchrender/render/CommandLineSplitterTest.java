package io.batchrender.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CommandLineSplitterTest {

    private static List<String> split(String line) {
        return CommandLineSplitter.split(line);
    }

    @Test
    void plainWordsSplitOnAnyRunOfWhitespace() {
        assertEquals(List.of("convert", "in.exr", "out.png"), split("convert in.exr out.png"));
        assertEquals(List.of("a", "b", "c"), split("  a \t b\n  c  "));
    }

    @Test
    void emptyOrBlankLineGivesNoArguments() {
        assertEquals(List.of(), split(""));
        assertEquals(List.of(), split("   \t "));
    }

    @Test
    void singleQuotesKeepEverythingLiterally() {
        assertEquals(List.of("echo", "a b  c"), split("echo 'a b  c'"));
        assertEquals(List.of("echo", "a\\b\"c"), split("echo 'a\\b\"c'"));
    }

    @Test
    void doubleQuotesWithEscapedQuote() {
        assertEquals(List.of("echo", "say \"hi\" now"), split("echo \"say \\\"hi\\\" now\""));
    }

    @Test
    void insideDoubleQuotesOnlySomeCharactersCanBeEscaped() {
        // POSIX: in double quotes a backslash escapes only " \ $ ` (and newline); elsewhere it stays.
        assertEquals(List.of("a\\b"), split("\"a\\b\""));
        assertEquals(List.of("a\\b"), split("\"a\\\\b\""));
        assertEquals(List.of("$x"), split("\"\\$x\""));
        assertEquals(List.of("'"), split("\"'\""));
    }

    @Test
    void backslashEscapesASpaceOutsideQuotes() {
        assertEquals(List.of("my file.exr", "x"), split("my\\ file.exr x"));
        assertEquals(List.of("'"), split("\\'"));
        assertEquals(List.of("\""), split("\\\""));
    }

    @Test
    void adjacentQuotedAndUnquotedPartsMakeOneArgument() {
        assertEquals(List.of("ab cd"), split("a'b c'd"));
        assertEquals(List.of("ab cd ef"), split("a'b c'\"d e\"f"));
    }

    @Test
    void emptyQuotesGiveAnEmptyArgument() {
        assertEquals(List.of("prog", "", "x"), split("prog '' x"));
        assertEquals(List.of("prog", ""), split("prog \"\""));
        assertEquals(List.of(""), split("''"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"a;b", "$HOME", "*", "|", "a&&b", "`id`", "$(id)", ">out", "~", "#x"})
    void shellMetacharactersAreKeptLiterally(String word) {
        assertEquals(List.of("prog", word, "end"), split("prog " + word + " end"));
    }

    @Test
    void pipeAndSemicolonDoNotSplitWords() {
        assertEquals(List.of("a", "|", "b;c", "&", "d"), split("a | b;c & d"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"echo 'abc", "echo \"abc", "echo \"a\\\"", "'", "\"", "a'b"})
    void unclosedQuoteFails(String line) {
        RenderSetupException e = assertThrows(RenderSetupException.class, () -> split(line));
        assertTrue(e.getMessage().contains("unclosed"), e.getMessage());
        assertFalse(e.getMessage().contains("\n"));
    }

    @Test
    void unclosedQuoteMessageSaysWhichQuote() {
        assertTrue(assertThrows(RenderSetupException.class, () -> split("x 'y")).getMessage().contains("single"));
        assertTrue(assertThrows(RenderSetupException.class, () -> split("x \"y")).getMessage().contains("double"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"echo \\", "\\", "echo a\\"})
    void trailingLoneBackslashFails(String line) {
        RenderSetupException e = assertThrows(RenderSetupException.class, () -> split(line));
        assertTrue(e.getMessage().contains("backslash"), e.getMessage());
    }

    @Test
    void escapedBackslashAtTheEndIsFine() {
        assertEquals(List.of("a\\"), split("a\\\\"));
    }

    @Test
    void backslashNewlineContinuesTheLine() {
        assertEquals(List.of("prog", "--a", "--b"), CommandLineSplitter.split("prog --a \\\n --b"));
    }
}
