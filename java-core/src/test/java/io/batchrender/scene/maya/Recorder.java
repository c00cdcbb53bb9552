package io.batchrender.scene.maya;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Records every event a reader reports, in order, for assertions. */
class Recorder implements MayaSceneHandler {

    /** One line per event: {@code createNode file file1}, {@code setAttr file1.ftn [a.png]}, ... */
    final List<String> events = new ArrayList<>();
    final List<String> requires = new ArrayList<>();
    final Map<String, String> fileInfo = new LinkedHashMap<>();
    final Map<String, String> workspaceRules = new LinkedHashMap<>();
    final List<MayaFileReference> references = new ArrayList<>();
    final Map<String, String> nodeTypes = new LinkedHashMap<>();
    final Map<String, Optional<String>> parents = new LinkedHashMap<>();
    final List<String> selects = new ArrayList<>();
    final List<MayaSetAttr> setAttrs = new ArrayList<>();
    final List<String> connections = new ArrayList<>();

    @Override
    public void requires(String plugin, String version) {
        requires.add(plugin + " " + version);
        events.add("requires " + plugin + " " + version);
    }

    @Override
    public void fileInfo(String key, String value) {
        fileInfo.put(key, value);
        events.add("fileInfo " + key);
    }

    @Override
    public void workspaceRule(String rule, String path) {
        workspaceRules.put(rule, path);
        events.add("workspace " + rule);
    }

    @Override
    public void fileReference(MayaFileReference reference) {
        references.add(reference);
        events.add("file " + reference.path());
    }

    @Override
    public void createNode(String type, String name, Optional<String> parent) {
        nodeTypes.put(name, type);
        parents.put(name, parent);
        events.add("createNode " + type + " " + name + parent.map(p -> " -p " + p).orElse(""));
    }

    @Override
    public void select(String node) {
        selects.add(node);
        events.add("select " + node);
    }

    @Override
    public void setAttr(MayaSetAttr attr) {
        setAttrs.add(attr);
        events.add("setAttr " + attr.node() + "." + attr.attribute() + " " + attr.values());
    }

    @Override
    public void connectAttr(String source, String destination) {
        connections.add(source + " -> " + destination);
        events.add("connectAttr " + source + " " + destination);
    }

    /** The last setAttr of {@code node.attribute}; fails when there is none. */
    MayaSetAttr attr(String node, String attribute) {
        return find(node, attribute).orElseThrow(() -> new AssertionError("no setAttr " + node + "." + attribute));
    }

    Optional<MayaSetAttr> find(String node, String attribute) {
        MayaSetAttr last = null;
        for (MayaSetAttr a : setAttrs) {
            if (a.node().equals(node) && a.attribute().equals(attribute)) {
                last = a;
            }
        }
        return Optional.ofNullable(last);
    }

    /** The value of the string attribute {@code node.attribute}. */
    String string(String node, String attribute) {
        MayaSetAttr a = attr(node, attribute);
        assertEquals(Optional.of("string"), a.type(), node + "." + attribute + " type");
        return a.stringValue().orElseThrow();
    }

    long count(String eventPrefix) {
        return events.stream().filter(e -> e.startsWith(eventPrefix)).count();
    }
}
