package io.gridloop;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaCall.Predicates.target;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.core.domain.properties.HasName.Predicates.name;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.methods;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import org.junit.jupiter.api.Test;

import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaMethod;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;

import io.quarkus.hibernate.orm.panache.PanacheQuery;
import io.quarkus.scheduler.Scheduled;

/** The package-by-feature layout of STYLE.md, kept by a test. */
class ArchitectureTest {

    private static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.gridloop");

    @Test
    void shared_code_depends_on_no_feature() {
        noClasses().that().resideInAPackage("io.gridloop.shared..")
                .should().dependOnClassesThat(resideInAPackage("io.gridloop..").and(not(resideInAPackage("io.gridloop.shared.."))))
                .check(CLASSES);
    }

    /**
     * An entity is its feature's own: other features read its data through the feature's query API
     * (records and ids), so no feature can change another's rows behind its back.
     */
    @Test
    void an_entity_is_used_only_inside_its_own_feature() {
        classes().should(new ArchCondition<JavaClass>("use entities of their own feature only") {
            @Override
            public void check(JavaClass origin, ConditionEvents events) {
                for (Dependency dependency : origin.getDirectDependenciesFromSelf()) {
                    JavaClass target = dependency.getTargetClass();
                    if (target.isAnnotatedWith(jakarta.persistence.Entity.class) && !feature(target).equals(feature(origin))) {
                        events.add(SimpleConditionEvent.violated(dependency, dependency.getDescription()));
                    }
                }
            }
        }).check(CLASSES);
    }

    /** The feature a class belongs to: the package right below io.gridloop. */
    private static String feature(JavaClass type) {
        String[] parts = type.getPackageName().split("\\.");
        return parts.length > 2 ? parts[2] : "";
    }

    /**
     * A result stream holds its JDBC result set, and with it the connection, until it is closed; a stream read with
     * {@code findFirst()} never is, so outside a transaction the request kept that connection to its end and its
     * transaction took a second (docs/architecture.md, "One connection at a time per request"). Lists instead.
     */
    @Test
    void no_query_result_is_read_as_a_stream() {
        noClasses().should().callMethodWhere(target(name("getResultStream")))
                .orShould().callMethod(PanacheQuery.class, "stream")
                .check(CLASSES);
    }

    /**
     * The scheduler goes on triggering jobs while the service shuts down, after the pool and the ORM are closed: the
     * job fails and the service logs an error on every stop it happens in (the webhook pass and the counters' fold did
     * in a benchmark). Every job skips once shutdown has begun.
     */
    @Test
    void every_scheduled_job_skips_once_the_service_shuts_down() {
        methods().that().areAnnotatedWith(Scheduled.class)
                .should(new ArchCondition<JavaMethod>("skip execution while the application is not running") {
                    @Override
                    public void check(JavaMethod method, ConditionEvents events) {
                        Class<?> skip = method.getAnnotationOfType(Scheduled.class).skipExecutionIf();
                        events.add(new SimpleConditionEvent(method, skip == Scheduled.ApplicationNotRunning.class,
                                method.getFullName() + " skips if " + skip.getName()));
                    }
                })
                .check(CLASSES);
    }

    @Test
    void features_do_not_depend_on_each_other_in_a_cycle() {
        slices().matching("io.gridloop.(*)..").should().beFreeOfCycles().check(CLASSES);
    }

    /** The ticket loop asks the calendar for due times; the calendar knows nothing of tickets. */
    @Test
    void the_calendar_does_not_depend_on_tickets() {
        noClasses().that().resideInAPackage("io.gridloop.calendar..")
                .should().dependOnClassesThat().resideInAPackage("io.gridloop.ticket..")
                .check(CLASSES);
    }

    /** Features write to the inbox through its public service; the inbox knows none of them, so any may use it. */
    @Test
    void the_inbox_depends_on_shared_code_only() {
        dependsOnSharedCodeOnly("io.gridloop.inbox..");
        noClasses().that().resideInAPackage("io.gridloop.shared..")
                .should().dependOnClassesThat().resideInAPackage("io.gridloop.inbox..")
                .check(CLASSES);
    }

    /** Features write to the audit through its public API; the audit knows none of them, so any may use it. */
    @Test
    void the_audit_depends_on_shared_code_only() {
        dependsOnSharedCodeOnly("io.gridloop.audit..");
    }

    /**
     * Tickets attach media (media.Attachments); media asks tickets who sees one through an interface it owns
     * (media.TicketSight, implemented in ticket), so it knows no feature and the two make no cycle.
     */
    @Test
    void media_depends_on_shared_code_only() {
        dependsOnSharedCodeOnly("io.gridloop.media..");
    }

    private static void dependsOnSharedCodeOnly(String feature) {
        noClasses().that().resideInAPackage(feature)
                .should().dependOnClassesThat(resideInAPackage("io.gridloop..")
                        .and(not(resideInAnyPackage(feature, "io.gridloop.shared.."))))
                .check(CLASSES);
    }

    @Test
    void no_feature_reaches_into_the_seed_loader() {
        noClasses().that().resideOutsideOfPackage("io.gridloop.seed..")
                .should().dependOnClassesThat().resideInAPackage("io.gridloop.seed..")
                .check(CLASSES);
    }

    @Test
    void entities_never_reach_the_wire_from_a_resource_signature() {
        noClasses().that().haveSimpleNameEndingWith("Resource")
                .should().dependOnClassesThat().areAnnotatedWith(jakarta.persistence.Entity.class)
                .check(CLASSES);
    }

    /**
     * SPEC §2: who may call is decided from the current role bindings on every request. Every endpoint
     * says so with {@code @Allowed} (checked against the database by {@code Caller}), or is sign-in
     * ({@code @PermitAll}); the token's role claims guard nothing, so {@code @RolesAllowed} is not used.
     */
    @Test
    void every_endpoint_decides_who_may_call_it_from_the_database() {
        noClasses().should().dependOnClassesThat().haveFullyQualifiedName("jakarta.annotation.security.RolesAllowed")
                .check(CLASSES);
        java.util.List<String> unguarded = new java.util.ArrayList<>();
        for (JavaClass type : CLASSES) {
            if (!type.isAnnotatedWith(jakarta.ws.rs.Path.class)) {
                continue;
            }
            boolean classGuard = type.isAnnotatedWith(io.gridloop.shared.security.Allowed.class)
                    || type.isAnnotatedWith(jakarta.annotation.security.PermitAll.class);
            type.getMethods().stream()
                    .filter(m -> m.getAnnotations().stream().anyMatch(a -> a.getRawType().isAnnotatedWith(jakarta.ws.rs.HttpMethod.class)))
                    .filter(m -> !classGuard && !m.isAnnotatedWith(io.gridloop.shared.security.Allowed.class))
                    .forEach(m -> unguarded.add(m.getFullName()));
        }
        org.junit.jupiter.api.Assertions.assertEquals(java.util.List.of(), unguarded);
    }
}
