package io.batchrender.process;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * How the watcher and the agent are detached on each platform (issue 16, item 4): the command line is built for a
 * platform given by name, and the macOS way (Perl's POSIX setsid, as macOS has no setsid program) is run for real
 * here, where it checks that the child leads a session of its own (field 6 of /proc/PID/stat, proc(5)).
 */
class DetachedJvmTest {

    private static final Path JAVA_HOME = Path.of("/opt/jdk");

    @Test
    void linuxUsesSetsidWhereItExists() {
        List<String> cmd = DetachedJvm.command("Linux", JAVA_HOME, p -> true, "cp.jar", List.of("-Xmx1m"), List.of("watch"));
        assertEquals(List.of("/usr/bin/setsid", "--fork", "/opt/jdk/bin/java"), cmd.subList(0, 3));
        assertEquals(List.of("-Xmx1m", "-cp", "cp.jar", "io.batchrender.cli.Main", "watch"), cmd.subList(5, cmd.size()));
    }

    @Test
    void aBackgroundJvmMapsTheClassArchiveTheLauncherNamedWhenItExists(@TempDir Path tmp) throws Exception {
        Path jsa = Files.writeString(tmp.resolve("br.jsa"), "archive");
        assertEquals(List.of("-XX:SharedArchiveFile=" + jsa, "-Xlog:cds=off", "-Xlog:cds+dynamic=off",
                "-Dbatchrender.classArchive=" + jsa), DetachedJvm.classArchiveOptions(jsa.toString(), "cp.jar"));
        assertEquals(List.of(), DetachedJvm.classArchiveOptions(tmp.resolve("gone.jsa").toString(), "cp.jar"),
                "archive removed since");
        assertEquals(List.of(), DetachedJvm.classArchiveOptions(null, "cp.jar"), "started without the launcher, none beside");
    }

    /** The plug-in's gateway runs {@code java -jar batchrender.jar}: its agent maps the archive the launcher keeps beside the jar. */
    @Test
    void withoutTheLauncherTheArchiveBesideTheJarIsMappedWhenNewerThanTheJar(@TempDir Path tmp) throws Exception {
        Path jar = Files.writeString(tmp.resolve("batchrender.jar"), "jar");
        Path jsa = Files.writeString(tmp.resolve("batchrender.jsa"), "archive");
        Files.setLastModifiedTime(jar, FileTime.fromMillis(1_000_000));
        Files.setLastModifiedTime(jsa, FileTime.fromMillis(2_000_000));
        assertEquals(List.of("-XX:SharedArchiveFile=" + jsa, "-Xlog:cds=off", "-Xlog:cds+dynamic=off",
                "-Dbatchrender.classArchive=" + jsa), DetachedJvm.classArchiveOptions(null, jar.toString()));
        assertEquals(List.of(), DetachedJvm.classArchiveOptions(null, jar + java.io.File.pathSeparator + "other.jar"),
                "a class path that is not the one jar: not the launcher's layout");

        Files.setLastModifiedTime(jar, FileTime.fromMillis(3_000_000)); // the jar was rebuilt: the archive is stale
        assertEquals(List.of(), DetachedJvm.classArchiveOptions(null, jar.toString()));
    }

    @Test
    void macosHasNoSetsidProgramSoPerlCallsSetsid() {
        List<String> cmd = DetachedJvm.command("Mac OS X", JAVA_HOME, p -> p.toString().equals("/usr/bin/perl"), "cp.jar",
                List.of(), List.of("watch"));
        assertEquals("/usr/bin/perl", cmd.get(0));
        assertEquals("--", cmd.get(4));
        assertEquals("/opt/jdk/bin/java", cmd.get(5));
    }

    @Test
    void windowsRunsOnJavawWithNoConsole() {
        List<String> cmd = DetachedJvm.command("Windows 11", Path.of("C:\\jdk"), p -> true, "cp.jar", List.of(), List.of("watch"));
        assertTrue(cmd.get(0).endsWith("javaw.exe"), cmd.get(0));
        assertTrue(cmd.stream().noneMatch(a -> a.contains("setsid") || a.contains("perl")), cmd.toString());
    }

    @Test
    void withNeitherItStillStarts() {
        List<String> cmd = DetachedJvm.command("Mac OS X", JAVA_HOME, p -> false, "cp.jar", List.of(), List.of("watch"));
        assertEquals("/opt/jdk/bin/java", cmd.get(0));
    }

    @Test
    void theMacosPrefixReallyStartsANewSession(@TempDir Path tmp) throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/perl")) && Files.isReadable(Path.of("/proc/self/stat")));
        List<String> cmd = new ArrayList<>(DetachedJvm.detachPrefix("Mac OS X", p -> p.toString().equals("/usr/bin/perl")));
        cmd.addAll(List.of("/bin/sh", "-c", "cat /proc/$$/stat"));
        Path out = tmp.resolve("out.txt");
        Process p = DetachedJvm.start(cmd, System.getenv(), out);
        assertTrue(p.waitFor(30, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), Files.readString(out));
        String[] stat = Files.readString(out).substring(Files.readString(out).lastIndexOf(')') + 2).split(" ");
        long pid = Long.parseLong(Files.readString(out).split(" ")[0]);
        long session = Long.parseLong(stat[3]);
        assertEquals(pid, session, "the child leads its own session");
        assertEquals(p.pid(), pid, "perl exec'd the command: the started process is the work itself");
        String[] mine = Files.readString(Path.of("/proc/self/stat")).substring(
                Files.readString(Path.of("/proc/self/stat")).lastIndexOf(')') + 2).split(" ");
        assertNotEquals(mine[3], stat[3]);
    }
}
