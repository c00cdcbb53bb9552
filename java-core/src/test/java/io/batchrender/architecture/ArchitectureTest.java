package io.batchrender.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaCall;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import io.batchrender.compile.SceneCompiler;
import io.batchrender.farm.CloudJobs;
import io.batchrender.farm.RenderFarm;
import io.batchrender.submit.AzureSubmission;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The shape of the packages, checked on the compiled classes: no cycles between the top-level packages, no caller
 * that knows a farm's internals, and one submit service for the CLI and the bridge (issue 17).
 */
class ArchitectureTest {

    private static JavaClasses main;

    @BeforeAll
    static void load() {
        main = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("io.batchrender");
    }

    @Test
    void packagesAreFreeOfCycles() {
        slices().matching("io.batchrender.(*)..").should().beFreeOfCycles().check(main);
    }

    @Test
    void nothingOutsideFarmKnowsAFarmsInternals() {
        noClasses().that().resideOutsideOfPackage("io.batchrender.farm..")
                .should().dependOnClassesThat().resideInAnyPackage("io.batchrender.farm.local..", "io.batchrender.farm.azure..")
                .because("callers open farms by name (farm.Farms) and use RenderFarm and its capabilities")
                .check(main);
    }

    /** A call that submits, previews or compiles a job by itself instead of through the submit service. */
    private static final DescribedPredicate<JavaCall<?>> SUBMITS_BY_ITSELF = DescribedPredicate.describe(
            "submit, preview or compile a job by themselves (RenderFarm/CloudJobs.submit and preview,"
                    + " RenderFarm.templates, AzureSubmission, SceneCompiler)",
            call -> {
                JavaClass owner = call.getTargetOwner();
                String name = call.getName();
                return (owner.isAssignableTo(RenderFarm.class) || owner.isAssignableTo(CloudJobs.class))
                        && (name.equals("submit") || name.equals("preview"))
                        || owner.isAssignableTo(RenderFarm.class) && name.equals("templates")
                        || owner.isEquivalentTo(AzureSubmission.class) || owner.isEquivalentTo(SceneCompiler.class);
            });

    @Test
    void theCliAndTheBridgeSubmitThroughTheSubmitService() {
        noClasses().that().resideInAnyPackage("io.batchrender.cli..", "io.batchrender.bridge..")
                .should().callCodeUnitWhere(SUBMITS_BY_ITSELF)
                .because("one submit service (submit.SubmitService) serves both, so they cannot drift apart")
                .check(main);
    }
}
