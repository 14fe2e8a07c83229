package dev.eventcommerce.platform.testing;

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

    /** The shared kernel and the platform's modules, as a test of a module that sees them all imports them. */
    public static JavaClasses importPlatform() {
        return new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages(BASE + ".kernel", BASE + ".platform");
    }

    /**
     * The arrows between the shared kernel and the platform's modules point one way: the kernel knows no
     * framework; web (with auth and config) knows neither Axon nor RabbitMQ; messaging knows no Axon;
     * axon-postgres (with operations) knows no RabbitMQ; only the outbox knows both; no platform code knows a
     * context.
     */
    public static List<ArchRule> platformRules() {
        String kernel = BASE + ".kernel..";
        String web = BASE + ".platform.web..";
        String auth = BASE + ".platform.auth..";
        String config = BASE + ".platform.config..";
        String axon = BASE + ".platform.axon..";
        String operations = BASE + ".platform.operations..";
        String messaging = BASE + ".platform.messaging..";
        String outbox = BASE + ".platform.outbox..";
        String[] contexts = CONTEXTS.stream().map(c -> BASE + "." + c + "..").toArray(String[]::new);
        return List.of(
                noClasses().that().resideInAPackage(kernel)
                        .should().dependOnClassesThat().resideInAnyPackage(
                                "org.springframework..", "org.axonframework..", BASE + ".platform..")
                        .as("the shared kernel is plain Java (and JSON): no Spring, no Axon, no platform"),
                noClasses().that().resideInAPackage(BASE + ".platform..")
                        .should().dependOnClassesThat().resideInAnyPackage(contexts)
                        .as("the platform knows no bounded context"),
                noClasses().that().resideInAnyPackage(web, auth, config)
                        .should().dependOnClassesThat().resideInAnyPackage("org.axonframework..",
                                "org.springframework.amqp..", axon, operations, messaging, outbox)
                        .as("platform/web knows neither Axon nor RabbitMQ"),
                noClasses().that().resideInAPackage(messaging)
                        .should().dependOnClassesThat().resideInAnyPackage("org.axonframework..", axon, operations,
                                outbox)
                        .as("platform/messaging knows no Axon"),
                noClasses().that().resideInAnyPackage(axon, operations)
                        .should().dependOnClassesThat().resideInAnyPackage("org.springframework.amqp..", messaging,
                                outbox)
                        .as("platform/axon-postgres knows no RabbitMQ"));
    }
}
