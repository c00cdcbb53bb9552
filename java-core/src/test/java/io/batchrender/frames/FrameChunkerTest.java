package io.batchrender.frames;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class FrameChunkerTest {

    private static List<List<Integer>> chunks(String spec, int size) {
        return FrameChunker.chunk(FrameSet.parse(spec), size).stream().map(FrameChunk::frames).toList();
    }

    private static List<String> specs(String spec, int size) {
        return FrameChunker.chunk(FrameSet.parse(spec), size).stream().map(FrameChunk::toSpec).toList();
    }

    @Test
    void rangeInChunksOfFourLeavesAShortLastChunk() {
        assertEquals(List.of(List.of(1, 2, 3, 4), List.of(5, 6, 7, 8), List.of(9, 10)), chunks("1-10", 4));
    }

    @Test
    void aGapStartsANewChunk() {
        assertEquals(List.of("1-4", "5-8", "9-10", "20"), specs("1-10,20", 4));
    }

    @Test
    void steppedFramesStayInSteppedChunks() {
        assertEquals(List.of(List.of(1, 6), List.of(11, 16)), chunks("1-20x5", 2));
        assertEquals(List.of("1-6x5", "11-16x5"), specs("1-20x5", 2));
    }

    @Test
    void chunkOfOneGivesOneChunkPerFrame() {
        FrameSet fs = FrameSet.parse("1-10,20,30-40x5");
        List<FrameChunk> chunks = FrameChunker.chunk(fs, 1);
        assertEquals(fs.size(), chunks.size());
        List<Integer> flattened = new ArrayList<>();
        for (FrameChunk c : chunks) {
            assertEquals(1, c.size());
            flattened.add(c.start());
        }
        assertEquals(fs.frames(), flattened);
    }

    @Test
    void separateRangesStaySeparateEvenWhenTheChunkIsLarge() {
        assertEquals(List.of(List.of(1, 2, 3), List.of(10, 11, 12)), chunks("1-3,10-12", 10));
    }

    @Test
    void descendingFramesEachGetTheirOwnChunk() {
        assertEquals(List.of(List.of(5), List.of(4), List.of(3)), chunks("5,4,3", 10));
    }

    @Test
    void changeOfStepStartsANewChunk() {
        // 1,2,3 step 1, then 5,7 step 2: a chunk is one arithmetic progression.
        assertEquals(List.of(List.of(1, 2, 3), List.of(5, 7)), chunks("1-3,5-7x2", 10));
    }

    @ParameterizedTest
    @CsvSource(delimiter = ';', value = {
            "1-10; 4",
            "1-10,20; 4",
            "1-20x5; 2",
            "1-3,10-12; 10",
            "5,4,3; 10",
            "5,1-3,2,5; 3",
            "1-10,20,30-40x5; 7",
            "1,2,4,8,16,32; 100",
            "-5--1,0-10x3; 4",
            "1-1000x3,2-1000x3; 50"})
    void chunksNeverMixStepsNorExceedTheSizeAndKeepEveryFrameInOrder(String spec, int size) {
        FrameSet fs = FrameSet.parse(spec);
        List<FrameChunk> chunks = FrameChunker.chunk(fs, size);
        List<Integer> flattened = new ArrayList<>();
        for (FrameChunk c : chunks) {
            assertTrue(c.isRange(), () -> c + " is not a range");
            assertTrue(c.size() <= size, () -> c + " holds more than " + size + " frames");
            assertEquals(c.frames(), FrameSet.parse(c.toSpec()).frames(), () -> c + " spec " + c.toSpec());
            flattened.addAll(c.frames());
        }
        assertEquals(fs.frames(), flattened);
    }

    @ParameterizedTest
    @ValueSource(ints = {0, -1, Integer.MIN_VALUE})
    void chunkSizeBelowOneIsRejected(int size) {
        FrameSet fs = FrameSet.parse("1-10");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> FrameChunker.chunk(fs, size));
        assertTrue(e.getMessage().contains(Integer.toString(size)), e.getMessage());
    }

    @Test
    void framesAtTheEndsOfTheIntRangeDoNotOverflowIntoAFakeRange() {
        // The difference between these frames does not fit in an int: each must be its own chunk,
        // and every chunk must still be a real ascending range.
        String spec = Integer.MIN_VALUE + "," + Integer.MAX_VALUE + "," + (Integer.MAX_VALUE - 1);
        FrameSet fs = FrameSet.parse(spec);
        List<FrameChunk> chunks = FrameChunker.chunk(fs, 10);
        assertEquals(List.of(List.of(Integer.MIN_VALUE), List.of(Integer.MAX_VALUE), List.of(Integer.MAX_VALUE - 1)),
                chunks.stream().map(FrameChunk::frames).toList());
        assertTrue(chunks.stream().allMatch(FrameChunk::isRange));
        assertEquals(fs, FrameSet.parse(fs.toString()));
    }

    @Test
    void largestStepThatFitsInAnIntStillMakesARange() {
        String spec = Integer.MIN_VALUE + ",-1";
        List<FrameChunk> chunks = FrameChunker.chunk(FrameSet.parse(spec), 10);
        assertEquals(1, chunks.size());
        assertEquals(Integer.MAX_VALUE, chunks.get(0).step());
        assertTrue(chunks.get(0).isRange());
    }

    // FrameChunk on its own

    @Test
    void chunkOfOneFrame() {
        FrameChunk c = new FrameChunk(List.of(7));
        assertAll(
                () -> assertEquals(7, c.start()),
                () -> assertEquals(7, c.end()),
                () -> assertEquals(1, c.step()),
                () -> assertEquals(1, c.size()),
                () -> assertTrue(c.isRange()),
                () -> assertEquals("7", c.toSpec()));
    }

    @Test
    void chunkOfConsecutiveFrames() {
        FrameChunk c = new FrameChunk(List.of(1, 2, 3, 4));
        assertAll(
                () -> assertEquals(1, c.start()),
                () -> assertEquals(4, c.end()),
                () -> assertEquals(1, c.step()),
                () -> assertTrue(c.isRange()),
                () -> assertEquals("1-4", c.toSpec()));
    }

    @Test
    void chunkWithAStep() {
        FrameChunk c = new FrameChunk(List.of(1, 3, 5, 7, 9));
        assertEquals(2, c.step());
        assertTrue(c.isRange());
        assertEquals("1-9x2", c.toSpec());
    }

    @Test
    void negativeChunk() {
        FrameChunk c = new FrameChunk(List.of(-5, -4, -3));
        assertTrue(c.isRange());
        assertEquals("-5--3", c.toSpec());
    }

    @ParameterizedTest
    @CsvSource(delimiter = ';', value = {
            "1,2,4; 1,2,4",
            "5,4,3; 5,4,3",
            "3,3; 3,3",
            "1,5,3; 1,5,3"})
    void nonRangeChunkIsWrittenAsAList(String frames, String expectedSpec) {
        List<Integer> list = java.util.Arrays.stream(frames.split(",")).map(Integer::valueOf).toList();
        FrameChunk c = new FrameChunk(list);
        assertFalse(c.isRange());
        assertEquals(expectedSpec, c.toSpec());
    }

    @Test
    void progressionWhoseDifferencesOverflowIsNotARange() {
        // 0 -> MAX_VALUE is step MAX_VALUE; MAX_VALUE -> -2 only looks like the same step when the
        // subtraction wraps around.
        assertFalse(new FrameChunk(List.of(0, Integer.MAX_VALUE, -2)).isRange());
    }

    @Test
    void emptyChunkIsRejected() {
        assertThrows(IllegalArgumentException.class, () -> new FrameChunk(List.of()));
    }

    @Test
    void chunkCopiesItsFrames() {
        List<Integer> source = new ArrayList<>(List.of(1, 2));
        FrameChunk c = new FrameChunk(source);
        source.add(3);
        assertEquals(List.of(1, 2), c.frames());
    }
}
