package io.batchrender.cli;

import io.batchrender.templates.ParameterValues;
import io.batchrender.templates.Template;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** A template and its parameter values: {@code TEMPLATE [--parameters FILE] [--param NAME=VALUE]...}. */
final class TemplateInput {

    @Parameters(index = "0", paramLabel = "TEMPLATE",
            description = "A template file, or the name of a shipped template (see 'batchrender template list').")
    String template;

    @Option(names = "--parameters", paramLabel = "FILE",
            description = "A parameters file: {\"name\": {\"value\": ...}} (as the Azure Batch CLI extensions write it).")
    Path parametersFile;

    @Option(names = "--param", paramLabel = "NAME=VALUE",
            description = "A parameter's value (repeatable); wins over the parameters file.")
    List<String> params = new ArrayList<>();

    /** The template, checked to be a job template ({@code job} true) or a pool template. */
    Template load(boolean job) {
        Template t = ShippedTemplates.load(template, job);
        if (job && !t.isJob()) {
            throw new UsageException(template + " is a pool template: create the pool with 'batchrender template pool "
                    + template + "'.");
        }
        if (!job && !t.isPool()) {
            throw new UsageException(template + " is a job template: run it with 'batchrender template run " + template + "'.");
        }
        return t;
    }

    ParameterValues values() {
        ParameterValues fromFile = parametersFile == null ? ParameterValues.none() : ParameterValues.fromFile(parametersFile);
        return fromFile.overriddenBy(ParameterValues.fromArgs(params));
    }
}
