package io.batchrender.templates;

import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * A job or pool template in the format of the Azure Batch CLI extensions (the "Batch templates"
 * Batch Explorer's rendering templates use): {@code parameters}, {@code variables},
 * {@code templateMetadata}, and one {@code job} or {@code pool}, either as its Batch REST properties
 * or wrapped ARM-style as {@code {"type": "Microsoft.Batch/batchAccounts/jobs", "properties": {...}}}.
 * Reading checks the JSON and the parameter definitions; {@link JobTemplates} and
 * {@link PoolTemplates} apply values. Immutable.
 */
public final class Template {

    static final String JOB_TYPE = "Microsoft.Batch/batchAccounts/jobs";
    static final String POOL_TYPE = "Microsoft.Batch/batchAccounts/pools";
    private static final Set<String> TOP_LEVEL = Set.of("parameters", "variables", "templateMetadata", "job", "pool",
            "$schema", "contentVersion");
    private static final Set<String> WRAPPER = Set.of("type", "apiVersion", "properties", "name", "location", "dependsOn",
            "comments");

    private final String file;
    private final boolean job;
    private final Node.Obj body;
    private final int bodyLine;
    private final Node.Obj variables;
    private final ParameterDefinitions parameters;
    private final Optional<String> description;

    private Template(String file, boolean job, Node.Obj body, int bodyLine, Node.Obj variables,
                     ParameterDefinitions parameters, Optional<String> description) {
        this.file = file;
        this.job = job;
        this.body = body;
        this.bodyLine = bodyLine;
        this.variables = variables;
        this.parameters = parameters;
        this.description = description;
    }

    /**
     * Reads and checks a template file.
     *
     * @throws TemplateException when the file cannot be read, is not valid JSON, or its parameters or
     *                           shape are wrong; the message names the line
     */
    public static Template read(Path file) {
        String name = file.toString();
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new TemplateException(name, 0, "no such file: check the path");
        } catch (IOException e) {
            throw new TemplateException(name, 0, "cannot read the template: " + e.getMessage(), e);
        }
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new TemplateException(name, 0, "the file is not UTF-8 text: save it as UTF-8");
        }
        return parse(text, name);
    }

    /**
     * Reads a template from text.
     *
     * @param file the name messages give the template
     */
    public static Template parse(String text, String file) {
        Node root = JsonText.parse(text, file);
        if (!(root instanceof Node.Obj top)) {
            throw new TemplateException(file, root.line(), "a template is a JSON object with \"parameters\" and a \"job\" or"
                    + " \"pool\", not " + Nodes.kind(root));
        }
        for (Node.Member m : top.members()) {
            if (!TOP_LEVEL.contains(m.key())) {
                throw new TemplateException(file, m.line(), "unknown section \"" + m.key() + "\": a template holds"
                        + " parameters, variables, templateMetadata and one job or pool");
            }
        }
        Node.Member jobMember = top.member("job");
        Node.Member poolMember = top.member("pool");
        if (jobMember != null && poolMember != null) {
            throw new TemplateException(file, poolMember.line(), "a template holds one job or one pool, not both:"
                    + " put the pool in its own template (or in the job's poolInfo.autoPoolSpecification)");
        }
        if (jobMember == null && poolMember == null) {
            throw new TemplateException(file, top.line(), "the template has neither a \"job\" nor a \"pool\": add one");
        }
        boolean isJob = jobMember != null;
        Node.Obj body = unwrap(file, isJob ? jobMember : poolMember, isJob);
        Node.Obj variables = objectOrEmpty(file, top.member("variables"));
        ParameterDefinitions parameters = ParameterDefinitions.read(file, top.member("parameters"));
        Optional<String> description = Optional.empty();
        Node meta = top.get("templateMetadata");
        if (meta instanceof Node.Obj metaObj && metaObj.get("description") instanceof Node.Str d) {
            description = Optional.of(d.value());
        }
        return new Template(file, isJob, body, (isJob ? jobMember : poolMember).line(), variables, parameters,
                description);
    }

    private static Node.Obj unwrap(String file, Node.Member member, boolean isJob) {
        String what = isJob ? "job" : "pool";
        if (!(member.value() instanceof Node.Obj obj)) {
            throw new TemplateException(file, member.line(), "\"" + what + "\" must be an object, not " + Nodes.kind(member.value()));
        }
        if (!obj.has("properties")) {
            return obj;
        }
        String expected = isJob ? JOB_TYPE : POOL_TYPE;
        Node.Member type = obj.member("type");
        if (type != null && !(type.value() instanceof Node.Str t && t.value().equalsIgnoreCase(expected))) {
            throw new TemplateException(file, type.line(), "the " + what + "'s \"type\" must be \"" + expected + "\", not "
                    + (type.value() instanceof Node.Str t ? Nodes.show(t.value()) : Nodes.kind(type.value())));
        }
        for (Node.Member m : obj.members()) {
            if (!WRAPPER.contains(m.key())) {
                throw new TemplateException(file, m.line(), "\"" + m.key() + "\" sits next to \"properties\": move it inside"
                        + " \"properties\", where the " + what + "'s fields go");
            }
        }
        Node.Member props = obj.member("properties");
        if (!(props.value() instanceof Node.Obj p)) {
            throw new TemplateException(file, props.line(), "\"properties\" must be an object, not " + Nodes.kind(props.value()));
        }
        return p;
    }

    private static Node.Obj objectOrEmpty(String file, Node.Member member) {
        if (member == null) {
            return new Node.Obj(0, List.of());
        }
        if (!(member.value() instanceof Node.Obj obj)) {
            throw new TemplateException(file, member.line(), "\"" + member.key() + "\" must be an object, not "
                    + Nodes.kind(member.value()));
        }
        return obj;
    }

    /** True for a job template ({@code job}). */
    public boolean isJob() {
        return job;
    }

    /** True for a pool template ({@code pool}). */
    public boolean isPool() {
        return !job;
    }

    /** The parameters in the order the template declares them. */
    public List<TemplateParameter> parameters() {
        return parameters.list();
    }

    /** The parameter of that name, if the template declares it. */
    public Optional<TemplateParameter> parameter(String name) {
        return Optional.ofNullable(parameters.get(name));
    }

    /** {@code templateMetadata.description}, when there is one. */
    public Optional<String> description() {
        return description;
    }

    /** The file's name as messages give it. */
    public String file() {
        return file;
    }

    Node.Obj body() {
        return body;
    }

    /** The line of the {@code "job"} or {@code "pool"} key. */
    int bodyLine() {
        return bodyLine;
    }

    Node.Obj variables() {
        return variables;
    }

    /**
     * What applying {@code values} to this template leaves aside, one line each naming where it is
     * written: fields of a parameter definition no template parameter has (Batch Explorer's form
     * adds {@code additionalProperties}) and values of a parameters file for parameters this
     * template does not declare ("warning: ..."). Both are ignored, as the Batch CLI extensions
     * ignore them; a {@code --param} for an undeclared parameter stays an error.
     */
    public List<String> notes(ParameterValues values) {
        List<String> out = new java.util.ArrayList<>(parameters.notes());
        out.addAll(ParameterResolver.undeclared(this, values));
        return out;
    }

    ParameterDefinitions definitions() {
        return parameters;
    }

    @Override
    public String toString() {
        return (job ? "job" : "pool") + " template " + file;
    }

    static String lower(String s) {
        return s.toLowerCase(Locale.ROOT);
    }
}
