"""A small reader of Maya ASCII scenes for the stand-in: enough of createNode, select, setAttr,
addAttr, connectAttr, file -r/-rdi, requires and workspace -fr to answer what the plug-in asks.

It is written from the file format, not from the Java reader, so the two check each other.
"""
import codecs
import re

_CODESETS = {"1252": "cp1252", "1251": "cp1251", "936": "gbk", "932": "shift_jis", "UTF-8": "utf-8"}


def decode(data):
    """The text of a .ma file in the codeset its header names (UTF-8 when none or unknown)."""
    match = re.search(rb"^//Codeset: *(\S+)", data[:2000], re.M)
    name = _CODESETS.get(match.group(1).decode("ascii", "replace"), "utf-8") if match else "utf-8"
    try:
        codecs.lookup(name)
    except LookupError:
        name = "utf-8"
    return data.decode(name, "replace")


_ESCAPES = {"n": "\n", "t": "\t", "r": "\r", '"': '"', "\\": "\\"}


def statements(text):
    """Each MEL statement as a list of tokens; strings are ``('s', value)``, words plain str."""
    tokens = []
    i, n = 0, len(text)
    while i < n:
        c = text[i]
        if c == '"':
            j = i + 1
            buf = []
            while j < n and text[j] != '"':
                if text[j] == "\\" and j + 1 < n:
                    nxt = text[j + 1]
                    buf.append(_ESCAPES.get(nxt, "\\" + nxt))
                    j += 2
                    continue
                buf.append(text[j])
                j += 1
            tokens.append(("s", "".join(buf)))
            i = j + 1
        elif c == ";":
            if tokens:
                yield _join_concatenations(tokens)
            tokens = []
            i += 1
        elif c == "/" and text.startswith("//", i):
            j = text.find("\n", i)
            i = n if j < 0 else j + 1
        elif c.isspace():
            i += 1
        else:
            j = i
            while j < n and not text[j].isspace() and text[j] not in ';"':
                j += 1
            tokens.append(text[i:j])
            i = j
    if tokens:
        yield _join_concatenations(tokens)


def _join_concatenations(tokens):
    """``( "a" + "b" )`` written by Maya for long strings becomes one string token."""
    out = []
    i = 0
    while i < len(tokens):
        t = tokens[i]
        if t == "(" and i + 1 < len(tokens) and isinstance(tokens[i + 1], tuple):
            parts = []
            j = i + 1
            while j < len(tokens) and tokens[j] != ")":
                if isinstance(tokens[j], tuple):
                    parts.append(tokens[j][1])
                j += 1
            out.append(("s", "".join(parts)))
            i = j + 1
            continue
        out.append(t)
        i += 1
    return out


def text_of(token):
    return token[1] if isinstance(token, tuple) else token


class Node(object):
    def __init__(self, name, node_type, parent=None, shared=False):
        self.name = name
        self.type = node_type
        self.parent = parent
        self.shared = shared
        self.attrs = {}        # attribute as written (short name, maybe indexed) -> value(s)
        self.dynamic = {}      # addAttr: long name -> short name


class Reference(object):
    def __init__(self, path, namespace, ref_node, depth, deferred, top_level, file_type):
        self.path = path
        self.namespace = namespace
        self.ref_node = ref_node
        self.depth = depth
        self.deferred = deferred
        self.top_level = top_level
        self.file_type = file_type


class MayaAsciiScene(object):
    """What one .ma file says: nodes, connections, references, requires."""

    def __init__(self):
        self.nodes = {}
        self.order = []
        self.connections = []   # (source plug, destination plug)
        self.references = []    # file -rdi lines (every depth) and file -r lines
        self.requires = []
        self.required_node_types = {}   # plug-in -> node types its requires line names
        self.workspace_rules = {}

    @classmethod
    def read(cls, path):
        with open(path, "rb") as f:
            data = f.read()
        if not data.startswith(b"//Maya"):
            raise ValueError("{} is not a Maya ASCII file".format(path))
        scene = cls()
        scene._parse(decode(data))
        return scene

    def node(self, name):
        return self.nodes.get(name.lstrip(":").split("|")[-1])

    def _add(self, name, node_type, parent=None, shared=False):
        name = name.lstrip(":")
        node = self.nodes.get(name)
        if node is None:
            node = Node(name, node_type, parent, shared)
            self.nodes[name] = node
            self.order.append(name)
        return node

    def _parse(self, text):
        current = None
        for st in statements(text):
            cmd = text_of(st[0])
            args = st[1:]
            if cmd == "createNode":
                current = self._create_node(args)
            elif cmd == "select":
                words = [text_of(a) for a in args]
                names = [w for w in words if not w.startswith("-")]
                if names:
                    name = names[-1].lstrip(":")
                    current = self.nodes.get(name) or self._add(name, _DEFAULT_NODE_TYPES.get(name, "unknown"), shared=True)
            elif cmd == "setAttr":
                self._set_attr(current, args)
            elif cmd == "addAttr" and current is not None:
                flags = _flags(args)
                if "-ln" in flags and "-sn" in flags:
                    current.dynamic[flags["-ln"]] = flags["-sn"]
            elif cmd == "connectAttr":
                plugs = [text_of(a) for a in args if not text_of(a).startswith("-")]
                if len(plugs) >= 2:
                    self.connections.append((plugs[0].lstrip(":"), plugs[1].lstrip(":")))
            elif cmd == "file":
                self._file(args)
            elif cmd == "requires":
                self._requires([text_of(a) for a in args])
            elif cmd == "workspace":
                words = [text_of(a) for a in args]
                if "-fr" in words:
                    k = words.index("-fr")
                    self.workspace_rules[words[k + 1]] = words[k + 2]

    def _requires(self, words):
        """``requires [-nodeType T]... [-dataType D]... PLUGIN VERSION``: the plug-in, and the node types it
        registers that the scene uses (Maya writes one -nodeType per plug-in node type the file creates)."""
        plain = [w for i, w in enumerate(words)
                 if not w.startswith("-") and not (i and words[i - 1] in ("-nodeType", "-dataType"))]
        if not plain:
            return
        self.requires.append(plain[0])
        types = [words[i + 1] for i, w in enumerate(words[:-1]) if w == "-nodeType"]
        self.required_node_types.setdefault(plain[0], []).extend(types)

    def _create_node(self, args):
        node_type = text_of(args[0])
        flags = _flags(args[1:])
        name = flags.get("-n", node_type + "1")
        return self._add(name, node_type, flags.get("-p"), "-s" in flags)

    def _set_attr(self, current, args):
        """``setAttr [flags] PLUG [-type T] VALUES``: flags may stand before or after the plug."""
        attr_type = None
        plug = None
        values = []
        i = 0
        while i < len(args):
            a = args[i]
            if isinstance(a, str) and a.startswith("-") and not _is_number(a) and (plug is None or not values):
                if a == "-type":
                    attr_type = text_of(args[i + 1])
                    i += 2
                    continue
                if a == "-s" or (i + 1 < len(args) and isinstance(args[i + 1], str)
                                 and args[i + 1] in ("on", "off", "yes", "no", "true", "false")):
                    i += 2
                    continue
                i += 1
                continue
            if plug is None:
                plug = text_of(a)
            else:
                values.append(a)
            i += 1
        if plug is None or not values:
            return
        if plug.startswith("."):
            node, attr = current, plug[1:]
        else:
            name, _, attr = plug.lstrip(":").partition(".")
            node = self.nodes.get(name)
        if node is None:
            return
        node.attrs[attr] = _value(values, attr_type)

    def _file(self, args):
        words = [text_of(a) for a in args]
        flags = _flags(args)
        if "-rdi" not in flags and "-r" not in words:
            return
        path = text_of(args[-1])
        self.references.append(Reference(
            path=path, namespace=flags.get("-ns", ""), ref_node=flags.get("-rfn", ""),
            depth=int(flags["-rdi"]) if "-rdi" in flags else 1, deferred=flags.get("-dr") == "1",
            top_level="-rdi" not in flags, file_type=flags.get("-typ", "")))


_VALUE_FLAGS = {"-n", "-p", "-rdi", "-ns", "-rfn", "-dr", "-typ", "-op", "-sn", "-ln", "-at", "-dt", "-uid",
                "-nodeType", "-ci", "-h", "-min", "-max", "-smn", "-smx", "-k", "-dv", "-nn"}


def _flags(args):
    out = {}
    i = 0
    while i < len(args):
        a = args[i]
        if isinstance(a, str) and a.startswith("-") and not _is_number(a):
            if a in _VALUE_FLAGS and i + 1 < len(args):
                out[a] = text_of(args[i + 1])
                i += 2
                continue
            out[a] = True
        i += 1
    return out


def _is_number(word):
    return bool(re.match(r"^-?(\d+\.?\d*|\.\d+)(e[-+]?\d+)?$", word))


def _scalar(word):
    if word in ("yes", "on", "true"):
        return True
    if word in ("no", "off", "false"):
        return False
    try:
        return int(word)
    except ValueError:
        try:
            return float(word)
        except ValueError:
            return word


def _value(values, attr_type):
    if attr_type == "string":
        return text_of(values[0])
    if attr_type in ("stringArray",):
        return [text_of(v) for v in values[1:]]
    scalars = [_scalar(text_of(v)) for v in values]
    return scalars[0] if len(scalars) == 1 else scalars


_DEFAULT_NODE_TYPES = {
    "defaultRenderGlobals": "renderGlobals", "defaultResolution": "resolution", "time1": "time",
    "defaultColorMgtGlobals": "colorManagementGlobals", "hardwareRenderingGlobals": "hardwareRenderingGlobals",
    "defaultRenderQuality": "renderQuality", "renderPartition": "partition", "initialShadingGroup": "shadingEngine",
    "initialParticleSE": "shadingEngine", "defaultLightSet": "objectSet", "defaultObjectSet": "objectSet",
}
