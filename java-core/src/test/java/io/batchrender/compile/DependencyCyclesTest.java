package io.batchrender.compile;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Circles of task dependencies, which no farm could ever start. */
class DependencyCyclesTest {

    @Test
    void circlesOfDependenciesAreFound() {
        assertEquals(Optional.empty(), DependencyCycles.find(Map.of("merge", List.of("0", "1"), "1", List.of("0"))));
        assertEquals(Optional.of(List.of("a", "b", "c", "a")),
                DependencyCycles.find(linked("a", List.of("b"), "b", List.of("c"), "c", List.of("a"))));
        assertEquals(Optional.of(List.of("x", "x")), DependencyCycles.find(linked("x", List.of("x"))));
    }

    private static Map<String, List<String>> linked(Object... kv) {
        Map<String, List<String>> m = new java.util.LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            @SuppressWarnings("unchecked")
            List<String> v = (List<String>) kv[i + 1];
            m.put((String) kv[i], v);
        }
        return m;
    }
}
