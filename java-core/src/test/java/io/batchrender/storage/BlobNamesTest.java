package io.batchrender.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class BlobNamesTest {

    @Test
    void theIssuesExamples() {
        assertEquals("C/proj/tex/a.png", BlobNames.forLocalPath("C:\\proj\\tex\\a.png"));
        assertEquals("home/ana/proj/a.png", BlobNames.forLocalPath("/home/ana/proj/a.png"));
        assertEquals("server/share/x", BlobNames.forLocalPath("\\\\server\\share\\x"));
    }

    @Test
    void driveLettersLongPathPrefixesAndMixedSeparators() {
        assertEquals("D/Shots/s01/a.exr", BlobNames.forLocalPath("d:/Shots\\s01//a.exr"));
        assertEquals("C/very/long/a.png", BlobNames.forLocalPath("\\\\?\\C:\\very\\long\\a.png"));
        assertEquals("server/share/a.png", BlobNames.forLocalPath("\\\\?\\UNC\\server\\share\\a.png"));
        assertEquals("server/share/x", BlobNames.forLocalPath("//server/share/x"));
    }

    @Test
    void dotSegmentsAreResolvedAndCharactersKept() {
        assertEquals("home/ana/tex/a b.png", BlobNames.forLocalPath("/home/ana/./proj/../tex/a b.png"));
        assertEquals("home/ана/テクスチャ/木 目.tx", BlobNames.forLocalPath("/home/ана/テクスチャ/木 目.tx"));
    }

    @Test
    void pathsWithoutAFileOrClimbingAboveTheRootAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> BlobNames.forLocalPath("/../etc/passwd"));
        assertThrows(IllegalArgumentException.class, () -> BlobNames.forLocalPath("C:\\..\\..\\x"));
        assertThrows(IllegalArgumentException.class, () -> BlobNames.forLocalPath("/"));
        assertThrows(IllegalArgumentException.class, () -> BlobNames.forLocalPath(""));
        assertThrows(IllegalArgumentException.class, () -> BlobNames.forLocalPath("/a/b\0c"));
        assertThrows(IllegalArgumentException.class, () -> BlobNames.forLocalPath("/" + "x".repeat(1025)));
    }
}
