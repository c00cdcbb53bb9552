package io.batchrender.scene.maya;

import java.util.Objects;
import java.util.Optional;

/**
 * A scene that a Maya scene references.
 *
 * <p>A Maya ASCII scene lists each reference twice: {@code file -rdi N ...} lines name every reference at every
 * depth N (1 = referenced by this scene, 2 = by one of those, ...); {@code file -r ...} lines name only the
 * references this scene loads itself (top level), with {@code -dr 1} when they are deferred (not loaded).
 *
 * @param path          the path exactly as written (absolute on the artist's disk, relative, or with variables)
 * @param type          {@code -typ}: {@code mayaAscii}, {@code mayaBinary}, {@code Alembic}, ... when written
 * @param namespace     {@code -ns} when written
 * @param referenceNode {@code -rfn}: the reference node's name when written
 * @param depth         {@code -rdi N}: N; 1 for a top-level {@code file -r} line; 0 when the file does not say
 * @param deferred      {@code -dr 1}: the reference is not loaded (as written on this line; the
 *                      {@link MayaAssetCollector#references() collector} works out whether Maya loads it)
 * @param topLevel      true for a {@code file -r} line, false for a {@code file -rdi} line
 */
public record MayaFileReference(String path, Optional<String> type, Optional<String> namespace,
        Optional<String> referenceNode, int depth, boolean deferred, boolean topLevel) {

    public MayaFileReference {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(namespace, "namespace");
        Objects.requireNonNull(referenceNode, "referenceNode");
    }
}
