package io.batchrender.scene.maya;

import java.util.Optional;
import java.util.Set;

/**
 * Receives what a Maya scene file says, statement by statement (Maya ASCII) or chunk by chunk
 * (Maya Binary), in file order. Every method has an empty default: implement only what you need.
 *
 * <p>Names are passed exactly as the file writes them: a node selected as {@code :defaultRenderGlobals}
 * (root namespace) arrives with its colon, attributes arrive under the name the file uses (short
 * names such as {@code ftn}, sometimes with an index such as {@code uvst[0].uvsn}).
 */
public interface MayaSceneHandler {

    /** {@code requires maya "2023";} or {@code requires -nodeType "aiOptions" "mtoa" "5.1.0";}: a plug-in and its version. */
    default void requires(String plugin, String version) {
    }

    /** {@code fileInfo "product" "Maya 2023";}: a key and its value. */
    default void fileInfo(String key, String value) {
    }

    /** {@code workspace -fr "images" "images";}: a project file rule (in {@code workspace.mel}) and its folder. */
    default void workspaceRule(String rule, String path) {
    }

    /** {@code file -rdi 1 ... "path";} or {@code file -r ... "path";}: a referenced scene. */
    default void fileReference(MayaFileReference reference) {
    }

    /**
     * {@code createNode TYPE -n NAME [-p PARENT];}: a node and its type. Unless the statement has
     * {@code -ss}, the node becomes the current node that the following relative {@code setAttr}s change.
     */
    default void createNode(String type, String name, Optional<String> parent) {
    }

    /** {@code select -ne :defaultRenderGlobals;}: an existing node becomes the current node. */
    default void select(String node) {
    }

    /** {@code setAttr ".ftn" -type "string" "D:/tex/a.png";}: an attribute value, on the current node unless the attribute names its node. */
    default void setAttr(MayaSetAttr attr) {
    }

    /**
     * Whether this handler wants the {@code setAttr}s of a node that just became current. A reader may
     * then skip, without decoding them, the relative {@code setAttr ".attr"} statements of nodes no
     * handler wants (most of a scene: mesh data). {@code nodeType} is empty after a {@code select},
     * which does not say the type. The default wants everything.
     */
    default boolean wantsAttributes(Optional<String> nodeType, String node) {
        return true;
    }

    /**
     * Of a node this handler {@link #wantsAttributes wants}, the attributes it reads, by name without index or
     * child and in lower case ({@code ftn} for {@code .ftn}, {@code uvst} for {@code .uvst[0].uvsn}); empty: all
     * of them. A reader may then skip the node's other relative {@code setAttr}s unread: a mesh's vertex and face
     * lists can run to hundreds of megabytes, and only its {@code .dso} names a file. The default reads all.
     */
    default Optional<Set<String>> attributesOf(Optional<String> nodeType, String node) {
        return Optional.empty();
    }

    /** {@code connectAttr "place2dTexture1.o" "file1.uv";}: a connection between two plugs. */
    default void connectAttr(String source, String destination) {
    }
}
