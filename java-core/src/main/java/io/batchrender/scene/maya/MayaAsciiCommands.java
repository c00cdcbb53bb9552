package io.batchrender.scene.maya;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Turns the statements of a Maya ASCII file into {@link MayaSceneHandler} events and keeps track of the
 * current node (the one relative {@code setAttr ".attr"} statements change).
 *
 * <p>Only {@code createNode} (without {@code -ss}) and {@code select} change the current node; every other
 * statement ({@code rename -uid}, {@code addAttr}, {@code lockNode}, {@code connectAttr}, ...) leaves it as it is,
 * as in Maya.
 */
final class MayaAsciiCommands {

    /** The commands that produce events; the reader skips every other statement without keeping it. */
    static final Set<String> COMMANDS = Set.of("createNode", "select", "setAttr", "file", "requires", "fileInfo",
            "workspace", "connectAttr");

    /** {@link #COMMANDS} by length, for {@link #named}. */
    private static final String[][] COMMANDS_BY_LENGTH = byLength(COMMANDS);

    private static final Set<String> CREATE_NODE_ARGS = Set.of("n", "name", "p", "parent");
    private static final Set<String> FILE_ARGS = Set.of("rdi", "referenceDepthInfo", "ns", "namespace", "rfn",
            "referenceNode", "op", "options", "typ", "type", "dr", "deferReference", "rpr", "renamingPrefix",
            "shd", "sharedNodes", "srf", "sharedReferenceFile", "lrd", "loadReferenceDepth");
    private static final Set<String> CONNECT_ARGS = Set.of("l", "lock", "rd", "referenceDest");
    /** setAttr flags that take an argument, and those that do not; after the attribute only these are flags. */
    static final Set<String> SET_ATTR_ARGS = Set.of("s", "size", "k", "keyable", "l", "lock", "cb",
            "channelBox", "ca", "caching", "ch", "capacityHint", "type", "typ");
    private static final Set<String> SET_ATTR_NO_ARGS = Set.of("av", "alteredValue", "c", "clamp");

    private final MayaSceneHandler handler;
    private String current;
    private boolean currentWanted = true;
    /** The attributes of the current node a handler reads (lower case, no index); null: all. */
    private Set<String> currentAttributes;
    /** {@link #currentAttributes} as an array, made when first needed. */
    private String[] currentAttributeNames;

    MayaAsciiCommands(MayaSceneHandler handler) {
        this.handler = handler;
    }

    /**
     * Whether a statement starting with {@code command} needs reading: the relative setAttrs of a node
     * no handler wants can be skipped unread. (An absolute {@code setAttr "node.attr"} in such a block
     * would be skipped too; Maya writes node blocks with relative ones.)
     */
    boolean wants(String command) {
        return COMMANDS.contains(command) && (currentWanted || !command.equals("setAttr"));
    }

    /** {@link #wants} for a command known to be one of {@link #COMMANDS} (the byte scanner's). */
    boolean wantsCommand(String command) {
        return currentWanted || !command.equals("setAttr");
    }

    /** Whether a handler reads some attributes of the current node: else its setAttrs can be stepped over unread. */
    boolean wantsSetAttrs() {
        return currentWanted;
    }

    /** Whether some handler reads only some attributes of the current node, so that {@link #wantsSetAttr} can say no. */
    boolean filtersAttributes() {
        return currentWanted && currentAttributes != null;
    }

    /**
     * Whether a setAttr of the current node, its attribute as written ({@code ".ftn"}, {@code ".uvst[0].uvsn"},
     * {@code "node.attr"}), is read by a handler. An absolute {@code "node.attr"} is always read: it may name
     * another node.
     */
    boolean wantsSetAttr(String attribute) {
        if (!currentWanted) {
            return false;
        }
        if (currentAttributes == null || !attribute.startsWith(".")) {
            return true;
        }
        int end = 1;
        while (end < attribute.length() && attribute.charAt(end) != '[' && attribute.charAt(end) != '.') {
            end++;
        }
        return currentAttributes.contains(attribute.substring(1, end).toLowerCase(java.util.Locale.ROOT));
    }

    /**
     * {@link #wantsSetAttr(String)} for the attribute written as the ASCII bytes {@code b[from, to)}, without making
     * strings: the byte scanner asks this of every setAttr of the nodes it reads.
     */
    boolean wantsSetAttr(byte[] b, int from, int to) {
        if (!currentWanted) {
            return false;
        }
        if (currentAttributes == null || b[from] != '.') {
            return true;
        }
        int end = from + 1;
        while (end < to && b[end] != '[' && b[end] != '.') {
            end++;
        }
        if (currentAttributeNames == null) {
            currentAttributeNames = currentAttributes.toArray(new String[0]);
        }
        for (String name : currentAttributeNames) {
            if (name.length() == end - from - 1 && asciiLowerCaseEquals(b, from + 1, name)) {
                return true;
            }
        }
        return false;
    }

    private static boolean asciiLowerCaseEquals(byte[] b, int from, String lowerCase) {
        for (int k = 0; k < lowerCase.length(); k++) {
            int c = b[from + k];
            if (c >= 'A' && c <= 'Z') {
                c += 'a' - 'A';
            }
            if (c != lowerCase.charAt(k)) {
                return false;
            }
        }
        return true;
    }

    /**
     * The command among {@link #COMMANDS} that the ASCII bytes {@code b[from, from + length)} spell, or null:
     * the byte scanner's test of a statement's first word, without making a string of every word.
     */
    static String named(byte[] b, int from, int length) {
        if (length >= COMMANDS_BY_LENGTH.length) {
            return null;
        }
        for (String c : COMMANDS_BY_LENGTH[length]) {
            int k = 0;
            while (k < length && b[from + k] == c.charAt(k)) {
                k++;
            }
            if (k == length) {
                return c;
            }
        }
        return null;
    }

    private static String[][] byLength(Set<String> names) {
        int max = names.stream().mapToInt(String::length).max().orElse(0);
        String[][] table = new String[max + 1][];
        for (int len = 0; len <= max; len++) {
            int l = len;
            table[len] = names.stream().filter(n -> n.length() == l).sorted().toArray(String[]::new);
        }
        return table;
    }

    void apply(MelStatement s) {
        switch (s.command()) {
            case "createNode" -> createNode(s.args());
            case "select" -> select(s.args());
            case "setAttr" -> setAttr(s.args());
            case "file" -> file(s.args());
            case "requires" -> requires(s.args());
            case "fileInfo" -> fileInfo(s.args());
            case "workspace" -> workspace(s.args());
            case "connectAttr" -> connectAttr(s.args());
            default -> {
            }
        }
    }

    private void createNode(List<MelToken> tokens) {
        MelArgs a = MelArgs.parse(tokens, CREATE_NODE_ARGS);
        if (a.positional().isEmpty()) {
            return;
        }
        createNode(new CreateNodeBytes.CreateNode(a.positional().get(0), a.value("n", "name").orElse(""),
                a.value("p", "parent"), a.has("ss", "skipSelect")));
    }

    /** A createNode statement, however it was read. */
    void createNode(CreateNodeBytes.CreateNode c) {
        handler.createNode(c.type(), c.name(), c.parent());
        if (!c.skipSelect()) {
            current = c.name().isEmpty() ? null : c.name();
            currentWanted = current == null || handler.wantsAttributes(Optional.of(c.type()), current);
            currentAttributes = current == null || !currentWanted ? null
                    : handler.attributesOf(Optional.of(c.type()), current).orElse(null);
            currentAttributeNames = null;
        }
    }

    private void select(List<MelToken> tokens) {
        MelArgs a = MelArgs.parse(tokens, Set.of());
        if (a.positional().isEmpty()) {
            current = null; // select -cl, or nothing we can name
            return;
        }
        current = a.positional().get(0);
        handler.select(current);
        currentWanted = handler.wantsAttributes(Optional.empty(), current);
        currentAttributes = currentWanted ? handler.attributesOf(Optional.empty(), current).orElse(null) : null;
        currentAttributeNames = null;
    }

    private void setAttr(List<MelToken> tokens) {
        String attribute = null;
        Optional<String> type = Optional.empty();
        List<String> flags = new ArrayList<>();
        List<String> values = new ArrayList<>();
        for (int i = 0; i < tokens.size(); i++) {
            MelToken t = tokens.get(i);
            String name = t.isFlag() ? t.text().substring(1) : null;
            boolean known = name != null && (SET_ATTR_ARGS.contains(name) || SET_ATTR_NO_ARGS.contains(name));
            if (name != null && (attribute == null || known)) {
                boolean takesArgument = SET_ATTR_ARGS.contains(name) && i + 1 < tokens.size();
                if (takesArgument && (name.equals("type") || name.equals("typ"))) {
                    type = Optional.of(tokens.get(++i).text());
                } else {
                    flags.add(t.text());
                    if (takesArgument) {
                        flags.add(tokens.get(++i).text());
                    }
                }
            } else if (attribute == null) {
                attribute = t.text();
            } else {
                values.add(t.text());
            }
        }
        if (attribute == null || !wantsSetAttr(attribute)) {
            return;
        }
        String node;
        if (attribute.startsWith(".")) {
            node = current;
            attribute = attribute.substring(1);
        } else {
            int dot = attribute.indexOf('.');
            node = dot > 0 ? attribute.substring(0, dot) : null;
            attribute = attribute.substring(dot + 1);
        }
        if (node != null && !attribute.isEmpty()) {
            handler.setAttr(new MayaSetAttr(node, attribute, type, flags, values));
        }
    }

    private void file(List<MelToken> tokens) {
        MelArgs a = MelArgs.parse(tokens, FILE_ARGS);
        boolean topLevel = a.has("r", "reference");
        Optional<String> depthInfo = a.value("rdi", "referenceDepthInfo");
        if ((!topLevel && depthInfo.isEmpty()) || a.positional().isEmpty()) {
            return; // not a reference (file -import, file -rts, ...)
        }
        int depth = topLevel ? 1 : depthInfo.map(MayaAsciiCommands::parseDepth).orElse(0);
        handler.fileReference(new MayaFileReference(a.positional().get(a.positional().size() - 1),
                a.value("typ", "type"), a.value("ns", "namespace"), a.value("rfn", "referenceNode"), depth,
                a.value("dr", "deferReference").map(MelArgs::isTrue).orElse(false), topLevel));
    }

    private static int parseDepth(String s) {
        try {
            return Math.max(0, Integer.parseInt(s));
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private void requires(List<MelToken> tokens) {
        // Every requires flag (-nodeType, -dataType) takes an argument.
        List<String> positional = new ArrayList<>();
        for (int i = 0; i < tokens.size(); i++) {
            if (tokens.get(i).isFlag()) {
                i++;
            } else {
                positional.add(tokens.get(i).text());
            }
        }
        if (positional.size() >= 2) {
            handler.requires(positional.get(0), positional.get(1));
        }
    }

    private void fileInfo(List<MelToken> tokens) {
        MelArgs a = MelArgs.parse(tokens, Set.of());
        if (a.flags().isEmpty() && a.positional().size() == 2) {
            handler.fileInfo(a.positional().get(0), a.positional().get(1));
        }
    }

    private void workspace(List<MelToken> tokens) {
        for (int i = 0; i + 2 < tokens.size(); i++) {
            MelToken t = tokens.get(i);
            if ((t.isWord("-fr") || t.isWord("-fileRule")) && !tokens.get(i + 1).isFlag() && !tokens.get(i + 2).isFlag()) {
                handler.workspaceRule(tokens.get(i + 1).text(), tokens.get(i + 2).text());
                return;
            }
        }
    }

    private void connectAttr(List<MelToken> tokens) {
        MelArgs a = MelArgs.parse(tokens, CONNECT_ARGS);
        if (a.positional().size() >= 2) {
            handler.connectAttr(a.positional().get(0), a.positional().get(1));
        }
    }
}
