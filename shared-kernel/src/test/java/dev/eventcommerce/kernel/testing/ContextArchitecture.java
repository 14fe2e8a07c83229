package dev.eventcommerce.kernel.testing;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import java.util.List;
import java.util.stream.Stream;

/**
 * The fences every bounded context keeps, checked at build time: contexts never import each other;
 * {@code api} is plain records and exceptions; {@code command} knows neither the read side nor the web;
 * {@code query} knows neither the write side nor the web; only {@code web} speaks HTTP; aggregates are
 * package-private and free of Spring.
 */
public final class ContextArchitecture {

    public static final String BASE = "dev.eventcommerce";
    public static final List<String> CONTEXTS = List.of("user", "catalog", "ordering", "notification");

    private ContextArchitecture() {
    }

    public static JavaClasses importContext(String context) {
        return new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages(BASE + "." + context);
    }

    public static List<ArchRule> rules(String context) {
        String root = BASE + "." + context;
        String[] otherContexts = CONTEXTS.stream().filter(c -> !c.equals(context))
                .map(c -> BASE + "." + c + "..").toArray(String[]::new);
        return Stream.of(
                noClasses().that().resideInAPackage(root + "..")
                        .should().dependOnClassesThat().resideInAnyPackage(otherContexts)
                        .as("the " + context + " context does not use another context's code"),
                noClasses().that().resideInAPackage(root + ".api..")
                        .should().dependOnClassesThat().resideInAnyPackage(
                                root + ".command..", root + ".query..", root + ".web..", "org.springframework..")
                        .as("api holds only messages, views and domain exceptions"),
                noClasses().that().resideInAPackage(root + ".command..")
                        .should().dependOnClassesThat().resideInAnyPackage(root + ".query..", root + ".web..")
                        .allowEmptyShould(true)
                        .as("the write side does not use the read side or the web layer"),
                noClasses().that().resideInAPackage(root + ".query..")
                        .should().dependOnClassesThat().resideInAnyPackage(root + ".command..", root + ".web..")
                        .as("the read side does not use the write side or the web layer"),
                noClasses().that().resideOutsideOfPackage(root + ".web..")
                        .should().dependOnClassesThat().resideInAnyPackage(
                                "org.springframework.web..", "jakarta.servlet..", "org.springframework.http..")
                        .as("only the web layer knows about HTTP"),
                classes().that().areAnnotatedWith("org.axonframework.spring.stereotype.Aggregate")
                        .should().notBePublic()
                        .andShould().onlyDependOnClassesThat().resideOutsideOfPackage("org.springframework..")
                        .allowEmptyShould(true)
                        .as("aggregates are package-private and free of Spring"))
                .toList();
    }
}
