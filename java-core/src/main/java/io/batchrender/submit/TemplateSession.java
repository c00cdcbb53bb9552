package io.batchrender.submit;

import io.batchrender.farm.Farms;
import io.batchrender.farm.RenderFarm;
import io.batchrender.farm.TemplateRunner;
import io.batchrender.templates.ExpandedJob;
import io.batchrender.templates.ExpandedPool;
import io.batchrender.templates.JobTemplates;
import io.batchrender.templates.ParameterValues;
import io.batchrender.templates.Template;
import java.util.Map;

/**
 * Job and pool templates on one farm ({@link SubmitService#templates}): expanded with the farm's
 * store listing {@code taskPerFile}'s files, submitted, or a pool created. The farm and its store
 * are opened when first needed and closed with this.
 */
public final class TemplateSession implements AutoCloseable {

    private final Farms farms;
    private final String farmName;
    private final Map<String, String> env;
    private RenderFarm farm;
    private TemplateRunner runner;

    TemplateSession(Farms farms, String farmName, Map<String, String> env) {
        this.farms = farms;
        this.farmName = farmName;
        this.env = env;
    }

    /** The farm's name ({@code local} or {@code azure}). */
    public String farmName() {
        return farmName;
    }

    /** The farm, opened now if it was not (to follow a submitted job). */
    public RenderFarm farm() {
        if (farm == null) {
            farm = farms.open(farmName);
        }
        return farm;
    }

    /** The job with its parameters applied; {@code taskPerFile} lists this farm's store, opened only then. */
    public ExpandedJob expand(Template template, ParameterValues values) {
        return JobTemplates.expand(template, values, (container, prefix) -> runner().files().list(container, prefix));
    }

    public TemplateRunner.Submitted submit(ExpandedJob job) {
        return runner().submit(job);
    }

    public TemplateRunner.Submitted createPool(ExpandedPool pool) {
        return runner().createPool(pool);
    }

    private TemplateRunner runner() {
        if (runner == null) {
            runner = farm().templates(env);
        }
        return runner;
    }

    @Override
    public void close() {
        try {
            if (runner != null) {
                runner.close();
            }
        } finally {
            if (farm != null) {
                farm.close();
            }
        }
    }
}
