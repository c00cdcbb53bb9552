package io.batchrender.templates;

import io.batchrender.storage.FileGroups;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * File-group references in a job, its tasks or a pool, rewritten into Batch REST resource files as
 * {@link ExpandedJob} describes: {@code "source": {"fileGroup": G, "prefix": P}} becomes
 * {@code "autoStorageContainerName": "fgrp-...", "blobPrefix": P}; {@code source.container} a
 * container by name; {@code source.containerUrl} a {@code storageContainerUrl};
 * {@code source.url} an {@code httpUrl}; the old {@code blobSource} an {@code httpUrl}. Every
 * {@code resourceFiles} and {@code commonResourceFiles} is rewritten wherever it sits (tasks,
 * job preparation and release, job manager, start tasks, auto-pools). Output files keep
 * {@code destination.autoStorage}; their file group names are checked here.
 */
final class ResourceFiles {

    private static final Set<String> SOURCE_KEYS = Set.of("fileGroup", "container", "containerUrl", "url", "prefix");
    private static final Set<String> TARGETS = Set.of("autoStorageContainerName", "storageContainerUrl", "httpUrl",
            "blobPrefix");

    private ResourceFiles() {
    }

    /** The node with its resource files rewritten and its output destinations checked. */
    static Node rewrite(String file, Node n) {
        return rewrite(file, n, SingleFiles.NONE);
    }

    /**
     * As {@link #rewrite(String, Node)}; a file group whose prefix names exactly one file
     * ({@code single}) becomes an {@code httpUrl} to that file with {@code filePath} the file itself.
     */
    static Node rewrite(String file, Node n, SingleFiles single) {
        if (n instanceof Node.Obj o) {
            List<Node.Member> out = new ArrayList<>(o.members().size());
            boolean changed = false;
            for (Node.Member m : o.members()) {
                Node v = m.value();
                if ((m.key().equals("resourceFiles") || m.key().equals("commonResourceFiles")) && v instanceof Node.Arr a) {
                    List<Node> files = new ArrayList<>(a.items().size());
                    boolean filesChanged = false;
                    for (Node item : a.items()) {
                        Node rf = resourceFile(file, item, single);
                        filesChanged |= rf != item;
                        files.add(rf);
                    }
                    v = filesChanged ? new Node.Arr(a.line(), files) : a;
                } else if (m.key().equals("outputFiles") && v instanceof Node.Arr a) {
                    a.items().forEach(item -> checkOutput(file, item));
                } else {
                    v = rewrite(file, v, single);
                }
                changed |= v != m.value();
                out.add(v == m.value() ? m : new Node.Member(m.key(), m.line(), v));
            }
            return changed ? new Node.Obj(o.line(), out) : o;
        }
        if (n instanceof Node.Arr a) {
            List<Node> out = new ArrayList<>(a.items().size());
            boolean changed = false;
            for (Node item : a.items()) {
                Node v = rewrite(file, item, single);
                changed |= v != item;
                out.add(v);
            }
            return changed ? new Node.Arr(a.line(), out) : a;
        }
        return n;
    }

    /** The container of file group {@code group}, or a one-line error naming the line. */
    static String container(String file, int line, String group) {
        try {
            return FileGroups.containerName(group);
        } catch (IllegalArgumentException e) {
            throw new TemplateException(file, line, "file group " + Nodes.show(group) + " is not a valid name: "
                    + e.getMessage().replaceFirst("^project name '[^']*' ", "it "));
        }
    }

    private static Node resourceFile(String file, Node item, SingleFiles single) {
        if (!(item instanceof Node.Obj rf)) {
            throw new TemplateException(file, item.line(), "each resource file must be an object, not " + Nodes.kind(item));
        }
        Node.Member blobSource = rf.member("blobSource");
        Node.Member httpUrl = blobSource != null ? blobSource : rf.member("httpUrl");
        if (httpUrl != null && !rf.has("filePath")) {
            // the extensions refuse it ("'httpUrl' must also have 'file_path'", _file_utils.py resolve_resource_file);
            // the Batch REST reference: filePath "is required" with httpUrl
            throw new TemplateException(file, httpUrl.line(), "a resource file from \"" + httpUrl.key() + "\" needs a"
                    + " \"filePath\": the file's path on the node, relative to the task's working folder");
        }
        if (blobSource != null) {
            if (rf.has("httpUrl") || rf.has("source")) {
                throw new TemplateException(file, blobSource.line(), "a resource file has one source: remove \"blobSource\"");
            }
            List<Node.Member> out = new ArrayList<>();
            for (Node.Member m : rf.members()) {
                out.add(m.key().equals("blobSource") ? new Node.Member("httpUrl", m.line(), m.value()) : m);
            }
            return new Node.Obj(rf.line(), out);
        }
        Node.Member sourceMember = rf.member("source");
        if (sourceMember == null) {
            return rf;
        }
        if (!(sourceMember.value() instanceof Node.Obj source)) {
            throw new TemplateException(file, sourceMember.line(), "\"source\" must be an object such as"
                    + " {\"fileGroup\": \"shot010\", \"prefix\": \"textures/\"}");
        }
        for (Node.Member m : rf.members()) {
            if (TARGETS.contains(m.key())) {
                throw new TemplateException(file, m.line(), "a resource file with a \"source\" cannot also have \"" + m.key()
                        + "\": keep one of them");
            }
        }
        for (Node.Member m : source.members()) {
            if (!SOURCE_KEYS.contains(m.key())) {
                throw new TemplateException(file, m.line(), "unknown field \"" + m.key() + "\" in a resource file's source:"
                        + " use fileGroup, container, containerUrl or url, and prefix");
            }
            if (!(m.value() instanceof Node.Str)) {
                throw new TemplateException(file, m.line(), "\"" + m.key() + "\" must be text");
            }
        }
        List<Node.Member> kinds = new ArrayList<>();
        for (String k : List.of("fileGroup", "container", "containerUrl", "url")) {
            if (source.has(k)) {
                kinds.add(source.member(k));
            }
        }
        if (kinds.size() != 1) {
            throw new TemplateException(file, source.line(), "a resource file's source needs exactly one of \"fileGroup\","
                    + " \"container\", \"containerUrl\" or \"url\"");
        }
        Node.Member kind = kinds.get(0);
        String value = ((Node.Str) kind.value()).value();
        Node.Member prefix = source.member("prefix");
        int line = sourceMember.line();
        List<Node.Member> out = new ArrayList<>();
        String prefixText = prefix == null ? "" : ((Node.Str) prefix.value()).value();
        if (kind.key().equals("fileGroup")) {
            Optional<SourceFile> one = single.only(container(file, kind.line(), value), prefixText);
            if (one.isPresent()) {
                // the prefix names one file: it goes to filePath itself, or under its own name (the extensions'
                // convert_blobs_to_resource_files); Batch would put it under filePath as a folder
                out.add(new Node.Member("httpUrl", line, new Node.Str(kind.line(), one.get().url())));
                if (!rf.has("filePath")) {
                    out.add(new Node.Member("filePath", line, new Node.Str(kind.line(), one.get().name())));
                }
                for (Node.Member m : rf.members()) {
                    if (!m.key().equals("source")) {
                        out.add(m);
                    }
                }
                return new Node.Obj(rf.line(), out);
            }
        }
        switch (kind.key()) {
            case "fileGroup" -> out.add(new Node.Member("autoStorageContainerName", line,
                    new Node.Str(kind.line(), container(file, kind.line(), value))));
            case "container" -> out.add(new Node.Member("autoStorageContainerName", line, new Node.Str(kind.line(), value)));
            case "containerUrl" -> out.add(new Node.Member("storageContainerUrl", line, new Node.Str(kind.line(), value)));
            default -> {
                if (prefix != null) {
                    throw new TemplateException(file, prefix.line(), "a source \"url\" is one file and takes no \"prefix\"");
                }
                if (!rf.has("filePath")) {
                    throw new TemplateException(file, rf.line(), "a resource file from a \"url\" needs a \"filePath\":"
                            + " where on the node to put it");
                }
                out.add(new Node.Member("httpUrl", line, new Node.Str(kind.line(), value)));
            }
        }
        if (prefix != null && !((Node.Str) prefix.value()).value().isEmpty()) {
            out.add(new Node.Member("blobPrefix", prefix.line(), prefix.value()));
        }
        for (Node.Member m : rf.members()) {
            if (!m.key().equals("source")) {
                out.add(m);
            }
        }
        return new Node.Obj(rf.line(), out);
    }

    private static void checkOutput(String file, Node item) {
        if (!(item instanceof Node.Obj out)) {
            throw new TemplateException(file, item.line(), "each output file must be an object with \"filePattern\" and"
                    + " \"destination\", not " + Nodes.kind(item));
        }
        Node.Member dest = out.member("destination");
        if (dest == null || !(dest.value() instanceof Node.Obj d)) {
            throw new TemplateException(file, dest == null ? out.line() : dest.line(), "an output file needs a"
                    + " \"destination\" such as {\"autoStorage\": {\"fileGroup\": \"renders\", \"path\": \"shot010\"}}");
        }
        Node.Member auto = d.member("autoStorage");
        if (auto == null) {
            if (!d.has("container")) {
                throw new TemplateException(file, dest.line(), "the destination needs \"autoStorage\" (a file group) or"
                        + " \"container\" (a container URL)");
            }
            return;
        }
        if (d.has("container")) {
            throw new TemplateException(file, auto.line(), "a destination has \"autoStorage\" or \"container\", not both");
        }
        if (!(auto.value() instanceof Node.Obj a) || !(a.get("fileGroup") instanceof Node.Str group)) {
            throw new TemplateException(file, auto.line(), "\"autoStorage\" needs a \"fileGroup\": the file group the"
                    + " outputs go to");
        }
        container(file, a.member("fileGroup").line(), group.value());
        Node path = a.get("path");
        if (path != null && !(path instanceof Node.Str)) {
            throw new TemplateException(file, a.member("path").line(), "\"path\" in autoStorage must be text");
        }
    }
}
