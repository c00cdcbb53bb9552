package io.batchrender.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SafeBlobPathTest {

    @TempDir
    Path tmp;

    @Test
    void ordinaryNamesLandInside() {
        Path dest = tmp.resolve("dest");
        assertEquals(new SafeBlobPath.Inside(dest.resolve("C/proj/a b.png")), SafeBlobPath.resolve(dest, "C/proj/a b.png"));
    }

    @Test
    void escapingNamesAreRefused() {
        Path dest = tmp.resolve("dest");
        for (String name : new String[] {"../../escape.txt", "/etc/passwd", "C:/x", "c:x", "a/../../b", "a\\..\\b",
            "a\0b", "a//b", "./a", "", "a/..", "a\nb"}) {
            assertInstanceOf(SafeBlobPath.Refused.class, SafeBlobPath.resolve(dest, name), name);
        }
    }

    @Test
    void aSymbolicLinkInTheDestinationDoesNotLeadOut() throws Exception {
        Path dest = Files.createDirectories(tmp.resolve("dest"));
        Path outside = Files.createDirectories(tmp.resolve("outside"));
        Files.createSymbolicLink(dest.resolve("link"), outside);
        SafeBlobPath.Verdict byName = SafeBlobPath.resolve(dest, "link/x.txt");
        Path target = ((SafeBlobPath.Inside) byName).path();
        assertInstanceOf(SafeBlobPath.Refused.class, SafeBlobPath.checkParentInside(dest, target));
        assertInstanceOf(SafeBlobPath.Inside.class, SafeBlobPath.checkParentInside(dest, dest.resolve("new/dir/x.txt")));
    }
}
