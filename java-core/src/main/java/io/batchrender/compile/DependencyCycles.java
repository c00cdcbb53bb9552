package io.batchrender.compile;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Finds tasks that depend on each other in a circle, which could never start. */
final class DependencyCycles {

    private DependencyCycles() {
    }

    /** One circle as ids ({@code a, b, a}), or empty when there is none. */
    static Optional<List<String>> find(Map<String, List<String>> dependsOn) {
        Map<String, Integer> state = new HashMap<>(); // 1: on the path, 2: done
        for (String start : dependsOn.keySet()) {
            if (state.containsKey(start)) {
                continue;
            }
            // iterative depth-first walk: a job may have thousands of tasks in a chain
            List<String> path = new ArrayList<>();
            List<Integer> next = new ArrayList<>();
            path.add(start);
            next.add(0);
            state.put(start, 1);
            while (!path.isEmpty()) {
                int top = path.size() - 1;
                String id = path.get(top);
                List<String> deps = dependsOn.getOrDefault(id, List.of());
                if (next.get(top) < deps.size()) {
                    String dep = deps.get(next.get(top));
                    next.set(top, next.get(top) + 1);
                    Integer s = state.get(dep);
                    if (s == null) {
                        state.put(dep, 1);
                        path.add(dep);
                        next.add(0);
                    } else if (s == 1) {
                        List<String> cycle = new ArrayList<>(path.subList(path.indexOf(dep), path.size()));
                        cycle.add(dep);
                        return Optional.of(cycle);
                    }
                } else {
                    state.put(id, 2);
                    path.remove(top);
                    next.remove(top);
                }
            }
        }
        return Optional.empty();
    }
}
