package io.batchrender.templates;

import com.google.gson.JsonElement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** A template's {@code parameters} section, checked, with the line of each definition for messages. */
final class ParameterDefinitions {

    /** One parameter and where it is written. */
    record Definition(TemplateParameter parameter, int line) {
    }

    private static final Set<String> TYPES = Set.of("string", "securestring", "int", "bool", "object", "secureobject", "array");
    private static final Set<String> FIELDS = Set.of("type", "defaultValue", "allowedValues", "minValue", "maxValue",
            "minLength", "maxLength", "metadata");

    private final Map<String, Definition> byName;
    private final int sectionLine;
    private final List<String> notes;

    private ParameterDefinitions(Map<String, Definition> byName, int sectionLine, List<String> notes) {
        this.byName = byName;
        this.sectionLine = sectionLine;
        this.notes = List.copyOf(notes);
    }

    static ParameterDefinitions read(String file, Node.Member section) {
        Map<String, Definition> out = new LinkedHashMap<>();
        List<String> notes = new ArrayList<>();
        if (section == null) {
            return new ParameterDefinitions(out, 1, notes);
        }
        if (!(section.value() instanceof Node.Obj params)) {
            throw new TemplateException(file, section.line(), "\"parameters\" must be an object of named parameter"
                    + " definitions, not " + Nodes.kind(section.value()));
        }
        for (Node.Member m : params.members()) {
            out.put(m.key(), new Definition(definition(file, m, notes), m.line()));
        }
        return new ParameterDefinitions(out, section.line(), notes);
    }

    private static TemplateParameter definition(String file, Node.Member m, List<String> notes) {
        String name = m.key();
        if (!(m.value() instanceof Node.Obj def)) {
            throw new TemplateException(file, m.line(), "parameter '" + name + "' must be an object such as"
                    + " {\"type\": \"string\"}, not " + Nodes.kind(m.value()));
        }
        for (Node.Member f : def.members()) {
            if (!FIELDS.contains(f.key())) {
                // the extensions read only the fields they know (_template_utils.py _validate_parameter) and
                // Batch Explorer's form adds its own (additionalProperties): ignored, as there, but said
                notes.add(file + ":" + f.line() + ": parameter '" + name + "': field \"" + f.key() + "\" is not one a"
                        + " template parameter has (type, defaultValue, allowedValues, minValue, maxValue, minLength,"
                        + " maxLength, metadata): ignored");
            }
        }
        Node.Member type = def.member("type");
        if (type == null) {
            throw new TemplateException(file, m.line(), "parameter '" + name + "' has no \"type\": add \"type\": \"string\""
                    + " (or int, bool, secureString, object, array)");
        }
        if (!(type.value() instanceof Node.Str t) || !TYPES.contains(Template.lower(t.value()))) {
            String got = type.value() instanceof Node.Str t ? Nodes.show(t.value()) : Nodes.kind(type.value());
            throw new TemplateException(file, type.line(), "parameter '" + name + "' has type " + got
                    + ": use string, int, bool, secureString, object or array");
        }
        Node.Member def0 = def.member("defaultValue");
        Optional<JsonElement> defaultValue = def0 == null || def0.value() instanceof Node.Null
                ? Optional.empty() : Optional.of(Nodes.toGson(def0.value()));
        List<JsonElement> allowed = new ArrayList<>();
        Node.Member allowedMember = def.member("allowedValues");
        if (allowedMember != null) {
            if (!(allowedMember.value() instanceof Node.Arr arr) || arr.items().isEmpty()) {
                throw new TemplateException(file, allowedMember.line(), "parameter '" + name + "': \"allowedValues\" must be"
                        + " a non-empty array of the values accepted");
            }
            for (Node item : arr.items()) {
                allowed.add(Nodes.toGson(item));
            }
        }
        String description = "";
        Map<String, String> metadata = new LinkedHashMap<>();
        Node.Member metaMember = def.member("metadata");
        if (metaMember != null) {
            if (!(metaMember.value() instanceof Node.Obj meta)) {
                throw new TemplateException(file, metaMember.line(), "parameter '" + name + "': \"metadata\" must be an object"
                        + " such as {\"description\": \"...\"}");
            }
            for (Node.Member f : meta.members()) {
                if (f.value() instanceof Node.Str s) {
                    if (f.key().equals("description")) {
                        description = s.value();
                    } else {
                        metadata.put(f.key(), s.value());
                    }
                }
            }
        }
        TemplateParameter p = new TemplateParameter(name, t.value(), defaultValue, allowed,
                whole(file, name, def.member("minValue")), whole(file, name, def.member("maxValue")),
                length(file, name, def.member("minLength")), length(file, name, def.member("maxLength")),
                description, metadata);
        if (allowedMember != null) {
            for (JsonElement a : allowed) {
                ParameterCheck.typed(file, allowedMember.line(), p, a, false, "allowedValues");
            }
        }
        if (def0 != null && defaultValue.isPresent()) {
            ParameterCheck.convert(file, def0.line(), p, defaultValue.get(), false, "defaultValue");
        }
        return p;
    }

    private static Optional<Long> whole(String file, String name, Node.Member m) {
        if (m == null) {
            return Optional.empty();
        }
        if (m.value() instanceof Node.Num n && n.isLong()) {
            return Optional.of(n.asLong());
        }
        throw new TemplateException(file, m.line(), "parameter '" + name + "': \"" + m.key() + "\" must be a whole number");
    }

    private static Optional<Integer> length(String file, String name, Node.Member m) {
        if (m == null) {
            return Optional.empty();
        }
        if (m.value() instanceof Node.Num n && n.isLong() && n.asLong() >= 0 && n.asLong() <= Integer.MAX_VALUE) {
            return Optional.of((int) n.asLong());
        }
        throw new TemplateException(file, m.line(), "parameter '" + name + "': \"" + m.key() + "\" must be a whole number, 0 or more");
    }

    List<TemplateParameter> list() {
        return byName.values().stream().map(Definition::parameter).toList();
    }

    TemplateParameter get(String name) {
        Definition d = byName.get(name);
        return d == null ? null : d.parameter();
    }

    Definition definition(String name) {
        return byName.get(name);
    }

    Set<String> names() {
        return byName.keySet();
    }

    /** What reading left aside (unknown fields of a definition), one line each naming the template line. */
    List<String> notes() {
        return notes;
    }

    /** The line of the {@code parameters} section (1 when there is none). */
    int sectionLine() {
        return sectionLine;
    }
}
