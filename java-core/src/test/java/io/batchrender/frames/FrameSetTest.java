package io.batchrender.frames;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class FrameSetTest {

    private static List<Integer> closed(int from, int to) {
        return IntStream.rangeClosed(from, to).boxed().toList();
    }

    private static String message(String spec) {
        return assertThrows(FrameSpecException.class, () -> FrameSet.parse(spec)).getMessage();
    }

    @Test
    void simpleRangeHoldsEveryFrame() {
        FrameSet fs = FrameSet.parse("1-100");
        assertEquals(100, fs.size());
        assertEquals(closed(1, 100), fs.frames());
        assertEquals(1, fs.first());
        assertEquals(100, fs.last());
    }

    @Test
    void steppedRangeStopsAtTheLastFrameNotPastTheEnd() {
        FrameSet fs = FrameSet.parse("1-100x2");
        List<Integer> odd = IntStream.iterate(1, f -> f <= 99, f -> f + 2).boxed().toList();
        assertEquals(odd, fs.frames());
        assertEquals(50, fs.size());
        assertEquals(99, fs.last());
    }

    @Test
    void listOfRangesAndSingles() {
        List<Integer> expected = new java.util.ArrayList<>(closed(1, 10));
        expected.addAll(List.of(20, 30, 35, 40));
        assertEquals(expected, FrameSet.parse("1-10,20,30-40x5").frames());
    }

    @Test
    void negativeRange() {
        assertEquals(List.of(-5, -4, -3, -2, -1), FrameSet.parse("-5--1").frames());
    }

    @Test
    void rangeFromNegativeToPositive() {
        assertEquals(List.of(-3, -2, -1, 0, 1, 2), FrameSet.parse("-3-2").frames());
    }

    @Test
    void singleFrames() {
        assertEquals(List.of(7), FrameSet.parse("7").frames());
        assertEquals(List.of(-4), FrameSet.parse("-4").frames());
        assertEquals(List.of(0), FrameSet.parse("0").frames());
    }

    @Test
    void whitespaceAroundNumbersAndSeparatorsIsTolerated() {
        assertEquals(List.of(1, 2, 3, 5), FrameSet.parse(" 1 - 3 , 5 ").frames());
        assertEquals(List.of(1, 3, 5), FrameSet.parse("1 - 5 x 2").frames());
    }

    @Test
    void duplicatesAreDroppedAndTheFirstOccurrenceKeepsItsPlace() {
        assertEquals(List.of(5, 1, 2, 3), FrameSet.parse("5,1-3,2,5").frames());
    }

    @Test
    void rangeOfOneFrame() {
        assertEquals(List.of(10), FrameSet.parse("10-10").frames());
    }

    @Test
    void stepLargerThanTheRangeGivesTheStartOnly() {
        assertEquals(List.of(1), FrameSet.parse("1-5x10").frames());
    }

    @Test
    void exactlyMaxFramesIsAccepted() {
        assertEquals(FrameSet.MAX_FRAMES, FrameSet.parse("1-" + FrameSet.MAX_FRAMES).size());
    }

    @Test
    void framesAreImmutable() {
        FrameSet fs = FrameSet.parse("1-3");
        assertThrows(UnsupportedOperationException.class, () -> fs.frames().add(4));
    }

    @ParameterizedTest
    @ValueSource(strings = {"10-1", "1-10x0", "1-10x-2", "abc", "1,,2", "1-", "99999999999", "1-200000",
            "5x2", "1-10x", "1..10", "1-2-3", ",1", "1,"})
    void badSpecsFailWithOneLineMessageNamingTheOffendingText(String spec) {
        FrameSpecException e = assertThrows(FrameSpecException.class, () -> FrameSet.parse(spec));
        String msg = e.getMessage();
        assertFalse(msg.contains("\n"), () -> "message is not one line: " + msg);
        assertTrue(msg.contains(spec), () -> "message does not mention '" + spec + "': " + msg);
    }

    @Test
    void badSpecMessagesSayWhatIsWrong() {
        assertAll(
                () -> assertTrue(message("10-1").contains("ends before it starts")),
                () -> assertTrue(message("10-1").contains("1-10"), "suggests the range the right way round"),
                () -> assertTrue(message("1-10x0").contains("step 0")),
                () -> assertTrue(message("1-10x-2").contains("step -2")),
                () -> assertTrue(message("99999999999").contains("too large")),
                () -> assertTrue(message("1-200000").contains(Integer.toString(FrameSet.MAX_FRAMES))),
                () -> assertTrue(message("1,,2").contains("empty part")));
    }

    @Test
    void tooManyFramesAcrossSeveralTermsFails() {
        String spec = "1-60000,100001-160000";
        FrameSpecException e = assertThrows(FrameSpecException.class, () -> FrameSet.parse(spec));
        assertTrue(e.getMessage().contains(spec));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "\t", "   \n  "})
    void emptyOrBlankSpecFails(String spec) {
        FrameSpecException e = assertThrows(FrameSpecException.class, () -> FrameSet.parse(spec));
        assertFalse(e.getMessage().contains("\n"));
        assertTrue(e.getMessage().contains("empty"), e.getMessage());
    }

    @Test
    void nullSpecFailsAsEmpty() {
        assertThrows(FrameSpecException.class, () -> FrameSet.parse(null));
    }

    @Test
    void frameSpecExceptionIsAnIllegalArgumentException() {
        assertTrue(IllegalArgumentException.class.isAssignableFrom(FrameSpecException.class));
    }

    @Test
    void emptyFrameListIsRejected() {
        assertThrows(FrameSpecException.class, () -> new FrameSet(List.of()));
    }

    @ParameterizedTest
    @ValueSource(strings = {"1-100", "1-100x2", "1-10,20,30-40x5", "-5--1", "-3-2", "7", "-4", "5,1-3,2,5",
            "5,4,3", "1,2,4,8,16", "10-10", "0-100x7,3,1000-2000x250"})
    void toStringParsesBackToTheSameFrames(String spec) {
        FrameSet fs = FrameSet.parse(spec);
        assertEquals(fs, FrameSet.parse(fs.toString()));
    }

    @Test
    void toStringIsTheShortSpec() {
        assertAll(
                () -> assertEquals("1-9x2,20", FrameSet.parse("1-9x2,20").toString()),
                () -> assertEquals("1-100", FrameSet.parse("1-100").toString()),
                () -> assertEquals("1-10", FrameSet.parse("1-3,4-10").toString()),
                () -> assertEquals("-5--1", FrameSet.parse("-5--1").toString()),
                () -> assertEquals("7", FrameSet.parse("7").toString()),
                () -> assertEquals("5,1-3", FrameSet.parse("5,1-3,2,5").toString()),
                () -> assertEquals("5,4,3", FrameSet.parse("5,4,3").toString()));
    }

    @Test
    void duplicatesDoNotCountTowardsTheFrameLimit() {
        assertEquals(60_000, FrameSet.parse("1-60000,1-60000").size());
    }

    @Test
    void aFrameSetBuiltFromAListDropsDuplicatesToo() {
        assertEquals(List.of(5, 1, 2), new FrameSet(List.of(5, 1, 5, 2, 1)).frames());
    }

    @Test
    void anErrorAboutASpecWithANewlineStaysOnOneLine() {
        FrameSpecException e = org.junit.jupiter.api.Assertions.assertThrows(FrameSpecException.class,
                () -> FrameSet.parse("a\nb"));
        org.junit.jupiter.api.Assertions.assertFalse(e.getMessage().contains("\n"));
    }
}
