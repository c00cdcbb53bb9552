package io.batchrender.cli;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Which command lines start the local agent before picocli has read them: only submits that surely go to it. */
class EarlyAgentStartTest {

    @Test
    void aSubmitToTheLocalFarmStartsItEarly() {
        assertTrue(EarlyAgentStart.wanted(List.of("submit", "scene.ma", "--frames", "1-10")));
        assertTrue(EarlyAgentStart.wanted(List.of("submit", "--farm", "local", "scene.ma")));
        assertTrue(EarlyAgentStart.wanted(List.of("submit", "--farm=local", "--command", "echo {frame}")));
    }

    @Test
    void anythingElseLeavesItToTheCommand() {
        assertFalse(EarlyAgentStart.wanted(List.of()));
        assertFalse(EarlyAgentStart.wanted(List.of("jobs")));
        assertFalse(EarlyAgentStart.wanted(List.of("scan", "submit")));
        assertFalse(EarlyAgentStart.wanted(List.of("submit", "--farm", "azure", "scene.ma")));
        assertFalse(EarlyAgentStart.wanted(List.of("submit", "--farm=azure", "scene.ma")));
        assertFalse(EarlyAgentStart.wanted(List.of("submit", "scene.ma", "--farm")), "a --farm without its value");
        assertFalse(EarlyAgentStart.wanted(List.of("submit", "scene.ma", "--dry-run")));
        assertFalse(EarlyAgentStart.wanted(List.of("submit", "--help")));
        assertFalse(EarlyAgentStart.wanted(List.of("submit", "-h")));
    }
}
