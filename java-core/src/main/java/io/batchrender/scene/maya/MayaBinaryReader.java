package io.batchrender.scene.maya;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads a Maya Binary scene ({@code .mb}, IFF {@code FOR4} or {@code FOR8}) as a stream and reports to a
 * {@link MayaSceneHandler} what {@link MayaAsciiReader} reports for the same scene saved as Maya ASCII, as far as
 * the binary layout is known:
 * <ul>
 * <li>{@code HEAD} group: {@code VERS} → {@code requires("maya", version)}, {@code PLUG} → {@code requires}
 * (and the plug-in's node type ids), {@code FINF} → {@code fileInfo} (the value as stored: Maya keeps
 * {@code \n} escaped there);</li>
 * <li>a node group (form type = the node's type id): {@code CREA} → {@code createNode}, then {@code STR }
 * → {@code setAttr -type "string"} and {@code STR#} → {@code setAttr -type "stringArray"} (values: the count,
 * then the strings, as in Maya ASCII);</li>
 * <li>numeric attributes of a node or selection, one element at a time: {@code DBLE} (doubles; times as ticks),
 * {@code DBL3} and {@code FLT2} → {@code setAttr} with the values Maya ASCII writes ({@code 1}, {@code 0},
 * {@code 24.5}, times in frames), see {@link MbNumbers};</li>
 * <li>{@code SLCT} group: {@code SLCT} → {@code select}, then its attributes as above;</li>
 * <li>{@code CONN} group: {@code CWFL} → {@code connectAttr};</li>
 * <li>{@code FREF}/{@code FRDI} → {@code fileReference} with the first string as the path: no file here has a
 * reference, so this follows a third-party reader and gives only the path.</li>
 * </ul>
 * Numeric arrays, meshes and everything else are skipped without being read. Only chunks that are decoded are
 * read into memory, and none larger than the limit; a numeric chunk larger than {@link MbNumbers#MAX_CHUNK} is
 * array data and is skipped unread.
 */
public final class MayaBinaryReader {

    private static final int HEAD = MayaTypeIds.id("HEAD");
    private static final int MAYA = MayaTypeIds.id("Maya");
    private static final int SLCT = MayaTypeIds.id("SLCT");
    private static final int CONN = MayaTypeIds.id("CONN");
    private static final int FREF = MayaTypeIds.id("FREF");
    private static final int FRDI = MayaTypeIds.id("FRDI");
    private static final int VERS = MayaTypeIds.id("VERS");
    private static final int PLUG = MayaTypeIds.id("PLUG");
    private static final int FINF = MayaTypeIds.id("FINF");
    private static final int CREA = MayaTypeIds.id("CREA");
    private static final int STR = MayaTypeIds.id("STR ");
    private static final int STR_ARRAY = MayaTypeIds.id("STR#");
    private static final int CWFL = MayaTypeIds.id("CWFL");

    /** CREA flag: the node has no parent (set on world and DG nodes in files that store UUIDs). */
    private static final int CREA_NO_PARENT = 0x80;

    private enum Context { ROOT, HEAD, NODE, SELECT, CONNECTIONS, REFERENCES, LIST }

    /** An open group: where it ends, what it is, and the node its attribute chunks belong to. */
    private static final class Group {
        final long start;
        final long end;
        final Context context;
        final int typeId;
        String node;

        Group(long start, long end, Context context, int typeId) {
            this.start = start;
            this.end = end;
            this.context = context;
            this.typeId = typeId;
        }
    }

    private final long limit;

    /** A reader with the default limit ({@link MayaSceneReader#defaultLimit()}). */
    public MayaBinaryReader() {
        this(ReadLimit.defaultLimit());
    }

    /** A reader that reads string chunks of at most {@code maxChunkBytes} bytes. */
    public MayaBinaryReader(long maxChunkBytes) {
        this.limit = ReadLimit.check(maxChunkBytes);
    }

    /** Reads {@code file}; a missing, unreadable, non-Maya-Binary or damaged file ends in a {@link MayaSceneException}. */
    public void read(Path file, MayaSceneHandler handler) {
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16)) {
            read(new IffReader(in, Files.size(file), file.toString()), file.toString(), handler);
        } catch (IOException e) {
            throw MayaSceneReader.cannotRead(file, e);
        }
    }

    private void read(IffReader iff, String source, MayaSceneHandler handler) throws IOException {
        IffChunk top = iff.first();
        if (top.formType() != MAYA) {
            throw new MayaSceneException(source + " is an IFF file but not a Maya scene (its form type is '"
                    + MayaTypeIds.fourCC(top.formType()) + "', not 'Maya'): open it in Maya and save it as .mb");
        }
        Map<Integer, String> pluginTypes = new HashMap<>();
        MbNumbers numbers = new MbNumbers();
        Deque<Group> open = new ArrayDeque<>();
        open.push(new Group(top.start(), top.end(), Context.ROOT, 0));
        while (!open.isEmpty()) {
            Group g = open.peek();
            if (iff.position() >= g.end) {
                open.pop();
                continue;
            }
            if (iff.position() >= iff.length()) {
                throw iff.truncated(g.start);
            }
            IffChunk c = iff.next(g.end);
            if (c.isGroup()) {
                open.push(new Group(c.start(), c.end(), context(c), c.formType()));
            } else if (isNumeric(g.context, c)) {
                byte[] d = iff.data(c, g.end, limit);
                numbers.attribute(g.node, c.tag(), d).ifPresent(handler::setAttr);
            } else if (g.context == Context.HEAD && MbNumbers.isHead(c.tag())) {
                numbers.head(c.tag(), iff.data(c, g.end, limit));
            } else if (wanted(g.context, c.tag())) {
                byte[] d = iff.data(c, g.end, limit);
                leaf(g, c.tag(), d, pluginTypes, handler);
            } else {
                iff.skip(c, g.end);
            }
        }
    }

    private static Context context(IffChunk group) {
        String tag = group.tagName();
        if (tag.startsWith("LIS") || tag.startsWith("CAT")) {
            return Context.LIST;
        }
        int t = group.formType();
        if (t == HEAD) {
            return Context.HEAD;
        } else if (t == SLCT) {
            return Context.SELECT;
        } else if (t == CONN) {
            return Context.CONNECTIONS;
        } else if (t == FREF || t == FRDI) {
            return Context.REFERENCES;
        } else if (t == MAYA) {
            return Context.ROOT;
        }
        return Context.NODE;
    }

    /** A numeric attribute chunk of a node or selection, small enough to be one value or tuple. */
    private static boolean isNumeric(Context context, IffChunk c) {
        return (context == Context.NODE || context == Context.SELECT) && MbNumbers.isNumeric(c.tag())
                && c.size() <= MbNumbers.MAX_CHUNK;
    }

    private static boolean wanted(Context context, int tag) {
        if (tag == FREF || tag == FRDI) {
            return true;
        }
        return switch (context) {
            case HEAD -> tag == VERS || tag == PLUG || tag == FINF;
            case NODE -> tag == CREA || tag == STR || tag == STR_ARRAY;
            case SELECT -> tag == SLCT || tag == STR || tag == STR_ARRAY;
            case CONNECTIONS -> tag == CWFL;
            default -> false;
        };
    }

    private static void leaf(Group g, int tag, byte[] d, Map<Integer, String> pluginTypes, MayaSceneHandler handler) {
        if (tag == FREF || tag == FRDI) {
            String path = MbStrings.at(d, 0);
            if (!path.isEmpty()) {
                handler.fileReference(new MayaFileReference(path, Optional.empty(), Optional.empty(), Optional.empty(),
                        tag == FREF ? 1 : 0, false, tag == FREF));
            }
        } else if (tag == VERS) {
            handler.requires("maya", MbStrings.at(d, 0));
        } else if (tag == PLUG) {
            plug(d, pluginTypes, handler);
        } else if (tag == FINF) {
            int k = MbStrings.end(d, 0);
            handler.fileInfo(MbStrings.text(d, 0, k), MbStrings.at(d, k + 1));
        } else if (tag == CREA) {
            createNode(g, d, pluginTypes, handler);
        } else if (tag == SLCT) {
            g.node = MbStrings.at(d, 0);
            if (!g.node.isEmpty()) {
                handler.select(g.node);
            }
        } else if (tag == STR || tag == STR_ARRAY) {
            setAttr(g.node, tag == STR_ARRAY, d, handler);
        } else if (tag == CWFL) {
            // One flag byte (1 = connectAttr -na), then source and destination.
            int src = MbStrings.end(d, 1);
            String destination = MbStrings.at(d, src + 1);
            if (src > 1 && !destination.isEmpty()) {
                handler.connectAttr(MbStrings.text(d, 1, src), destination);
            }
        }
    }

    /** plug-in NUL version NUL requires-flags NUL, then (node type name NUL, 4-byte type id) for each type. */
    private static void plug(byte[] d, Map<Integer, String> pluginTypes, MayaSceneHandler handler) {
        int p = MbStrings.end(d, 0);
        String plugin = MbStrings.text(d, 0, p);
        String version = MbStrings.at(d, p + 1);
        int i = MbStrings.end(d, MbStrings.end(d, p + 1) + 1) + 1;
        while (i < d.length) {
            int e = MbStrings.end(d, i);
            if (e == i || e + 5 > d.length) {
                break;
            }
            pluginTypes.put(MbStrings.int32(d, e + 1), MbStrings.text(d, i, e));
            i = e + 5;
        }
        handler.requires(plugin, version);
    }

    /** A flag byte, the name NUL, then the parent NUL (unless there is none), then a 16-byte UUID (Maya 2016 and later). */
    private static void createNode(Group g, byte[] d, Map<Integer, String> pluginTypes, MayaSceneHandler handler) {
        if (d.length < 2) {
            return;
        }
        int flags = d[0] & 0xff;
        int n = MbStrings.end(d, 1);
        Optional<String> parent = Optional.empty();
        if ((flags & CREA_NO_PARENT) == 0 && n + 1 < d.length) {
            int p = MbStrings.end(d, n + 1);
            if (p < d.length && MbStrings.isName(d, n + 1, p)) {
                parent = Optional.of(MbStrings.text(d, n + 1, p));
            }
        }
        g.node = MbStrings.text(d, 1, n);
        String type = pluginTypes.get(g.typeId);
        if (type == null) {
            type = MayaTypeIds.typeName(g.typeId).orElse(MayaTypeIds.unknown(g.typeId));
        }
        handler.createNode(type, g.node, parent);
    }

    /** The attribute name NUL, one flag byte, then the value NUL (STR#: a 4-byte count, then each string NUL). */
    private static void setAttr(String node, boolean array, byte[] d, MayaSceneHandler handler) {
        int n = MbStrings.end(d, 0);
        if (node == null || n == 0 || n >= d.length) {
            return;
        }
        List<String> values = new ArrayList<>();
        int i = n + 2;
        if (array) {
            if (i + 4 > d.length) {
                return;
            }
            long count = MbStrings.int32(d, i) & 0xFFFFFFFFL;
            values.add(Long.toString(count));
            for (i += 4; i < d.length && values.size() <= count; ) {
                int e = MbStrings.end(d, i);
                values.add(MbStrings.text(d, i, e));
                i = e + 1;
            }
        } else {
            values.add(MbStrings.at(d, i));
        }
        handler.setAttr(new MayaSetAttr(node, MbStrings.text(d, 0, n), Optional.of(array ? "stringArray" : "string"),
                List.of(), values));
    }
}
