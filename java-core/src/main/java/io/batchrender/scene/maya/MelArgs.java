package io.batchrender.scene.maya;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A statement's arguments split into flags and positional arguments.
 *
 * @param flags      each flag (without its dash) and its argument, or "" for a flag without one; the last
 *                   occurrence wins
 * @param positional the other arguments in order
 */
record MelArgs(Map<String, String> flags, List<String> positional) {

    /**
     * Splits {@code args}: a flag in {@code withArgument} takes the next token as its argument (unless that is a
     * flag too), any other flag stands alone.
     */
    static MelArgs parse(List<MelToken> args, Set<String> withArgument) {
        Map<String, String> flags = new LinkedHashMap<>();
        List<String> positional = new ArrayList<>();
        for (int i = 0; i < args.size(); i++) {
            MelToken t = args.get(i);
            if (!t.isFlag()) {
                positional.add(t.text());
                continue;
            }
            String name = t.text().substring(1);
            if (withArgument.contains(name) && i + 1 < args.size() && !args.get(i + 1).isFlag()) {
                flags.put(name, args.get(++i).text());
            } else {
                flags.put(name, "");
            }
        }
        return new MelArgs(flags, positional);
    }

    boolean has(String... names) {
        for (String n : names) {
            if (flags.containsKey(n)) {
                return true;
            }
        }
        return false;
    }

    /** The argument of the first of {@code names} present with a non-empty argument. */
    Optional<String> value(String... names) {
        for (String n : names) {
            String v = flags.get(n);
            if (v != null && !v.isEmpty()) {
                return Optional.of(v);
            }
        }
        return Optional.empty();
    }

    /** MEL's true: {@code 1}, {@code on}, {@code yes}, {@code true}. */
    static boolean isTrue(String value) {
        return switch (value) {
            case "1", "on", "yes", "true" -> true;
            default -> false;
        };
    }
}
