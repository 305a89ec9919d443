package org.civicsafety.assessment;

import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** The service's packages depend on each other without a cycle (the compiled classes, as jdeps would see them). */
@AnalyzeClasses(packages = "org.civicsafety.assessment", importOptions = ImportOption.DoNotIncludeTests.class)
class PackageCyclesTest {
    @ArchTest static final ArchRule packagesAreFreeOfCycles = slices().matching("org.civicsafety.assessment.(*)..")
            .should().beFreeOfCycles();
}
