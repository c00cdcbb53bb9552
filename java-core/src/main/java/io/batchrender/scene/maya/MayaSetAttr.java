package io.batchrender.scene.maya;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One {@code setAttr}: {@code setAttr -k off ".ftn" -type "string" "D:/tex/a.png";}.
 *
 * @param node      the node: the current node (last {@code createNode} or {@code select}), or the node part of
 *                  {@code "node.attr"}
 * @param attribute the attribute without the leading dot, as written: {@code ftn}, {@code uvst[0].uvsn}
 * @param type      the {@code -type} argument ({@code string}, {@code double3}, {@code stringArray}, ...) when written
 * @param flags     the other flags as written, each followed by its argument if it takes one: {@code [-k, off, -av]}
 * @param values    the values as decoded strings (escapes undone, {@code ( "a" + "b" )} joined), in order; empty
 *                  when the statement only sets flags ({@code setAttr -s 3 ".lnk";})
 */
public record MayaSetAttr(String node, String attribute, Optional<String> type, List<String> flags, List<String> values) {

    public MayaSetAttr {
        Objects.requireNonNull(node, "node");
        Objects.requireNonNull(attribute, "attribute");
        Objects.requireNonNull(type, "type");
        flags = List.copyOf(flags);
        values = List.copyOf(values);
    }

    /** The value of a {@code -type "string"} attribute: present when the type is {@code string} and there is one value. */
    public Optional<String> stringValue() {
        return type.filter("string"::equals).isPresent() && values.size() == 1 ? Optional.of(values.get(0)) : Optional.empty();
    }

    /** Whether the flag (with its dash, {@code -k}) is among {@link #flags()}. */
    public boolean hasFlag(String flag) {
        return flags.contains(flag);
    }
}
