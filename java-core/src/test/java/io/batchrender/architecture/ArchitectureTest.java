package io.batchrender.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

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
}
