package org.civicsafety.gateway;

import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The service's packages depend on each other without a cycle (the compiled classes, as jdeps would see them). */
class PackageCyclesTest {
    @Test
    void packagesAreFreeOfCycles() {
        slices().matching("org.civicsafety.gateway.(*)..").should().beFreeOfCycles().check(new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("org.civicsafety.gateway"));
    }
}
