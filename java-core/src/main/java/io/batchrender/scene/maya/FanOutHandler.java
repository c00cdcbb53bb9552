package io.batchrender.scene.maya;

import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Hands every event to several handlers, so one pass over a scene feeds them all. */
public final class FanOutHandler implements MayaSceneHandler {

    private final List<MayaSceneHandler> handlers;

    public FanOutHandler(MayaSceneHandler... handlers) {
        this.handlers = List.of(handlers);
    }

    @Override
    public void requires(String plugin, String version) {
        handlers.forEach(h -> h.requires(plugin, version));
    }

    @Override
    public void fileInfo(String key, String value) {
        handlers.forEach(h -> h.fileInfo(key, value));
    }

    @Override
    public void workspaceRule(String rule, String path) {
        handlers.forEach(h -> h.workspaceRule(rule, path));
    }

    @Override
    public void fileReference(MayaFileReference reference) {
        handlers.forEach(h -> h.fileReference(reference));
    }

    @Override
    public void createNode(String type, String name, Optional<String> parent) {
        handlers.forEach(h -> h.createNode(type, name, parent));
    }

    @Override
    public void select(String node) {
        handlers.forEach(h -> h.select(node));
    }

    @Override
    public void setAttr(MayaSetAttr attr) {
        handlers.forEach(h -> h.setAttr(attr));
    }

    @Override
    public boolean wantsAttributes(Optional<String> nodeType, String node) {
        for (MayaSceneHandler h : handlers) {
            if (h.wantsAttributes(nodeType, node)) {
                return true;
            }
        }
        return false;
    }

    /** The union over the handlers that want the node; all when one of them reads all. */
    @Override
    public Optional<Set<String>> attributesOf(Optional<String> nodeType, String node) {
        Optional<Set<String>> only = null; // one handler's set, handed on as it is (the common case)
        Set<String> union = null;
        for (MayaSceneHandler h : handlers) {
            if (h.wantsAttributes(nodeType, node)) {
                Optional<Set<String>> some = h.attributesOf(nodeType, node);
                if (some.isEmpty()) {
                    return Optional.empty();
                }
                if (only == null) {
                    only = some;
                } else {
                    if (union == null) {
                        union = new HashSet<>(only.get());
                    }
                    union.addAll(some.get());
                }
            }
        }
        return union != null ? Optional.of(Set.copyOf(union)) : only != null ? only : Optional.of(Set.of());
    }

    @Override
    public void connectAttr(String source, String destination) {
        handlers.forEach(h -> h.connectAttr(source, destination));
    }
}
