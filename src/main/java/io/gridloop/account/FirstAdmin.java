package io.gridloop.account;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.interceptor.Interceptor;
import jakarta.persistence.EntityManager;

import org.jboss.logging.Logger;

import io.gridloop.audit.Audit;
import io.gridloop.audit.AuditKind;
import io.gridloop.region.RegionImport;
import io.gridloop.shared.security.Role;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.StartupEvent;

/**
 * The one-time bootstrap of a district (issue #10): at start, while no account exists, the configured
 * district (the root of its region tree) and its first DISTRICT_ADMIN are made, the password to be
 * changed at the first sign-in. Once any account exists it does nothing, so the settings may stay.
 * Instances starting together take an advisory lock first: one makes the administrator, the others
 * then find an account and skip. The start log says which happened, never the password.
 */
@ApplicationScoped
class FirstAdmin {

    enum Outcome { APPLIED, ACCOUNTS_EXIST, NOT_CONFIGURED }

    /** What to make, checked as a whole. */
    record Settings(String district, String username, String password, String name) {

        /** Never the password, should the settings ever be logged. */
        @Override
        public String toString() {
            return "Settings[district=" + district + ", username=" + username + ", name=" + name + "]";
        }
    }

    private static final Logger LOG = Logger.getLogger(FirstAdmin.class);
    private static final long LOCK = 0x626f6f74L;

    private final EntityManager entityManager;
    private final Passwords passwords;
    private final RegionImport regions;
    private final Audit audit;
    private final BootstrapConfig config;

    FirstAdmin(EntityManager entityManager, Passwords passwords, RegionImport regions, Audit audit, BootstrapConfig config) {
        this.entityManager = entityManager;
        this.passwords = passwords;
        this.regions = regions;
        this.audit = audit;
        this.config = config;
    }

    /** After the demo loader (dev, demo, test), which makes accounts of its own. */
    void onStart(@Observes @Priority(Interceptor.Priority.APPLICATION + 600) StartupEvent start) {
        Optional<Settings> settings = settings(config);
        switch (apply(settings)) {
            case APPLIED -> LOG.infof("Bootstrap applied: district '%s' and its administrator '%s' were made; the password "
                    + "must be changed at the first sign-in", settings.get().district(), settings.get().username());
            case ACCOUNTS_EXIST -> settings.ifPresent(s -> LOG.info(
                    "Bootstrap skipped: accounts exist already (the GRIDLOOP_BOOTSTRAP_* settings may be removed)"));
            case NOT_CONFIGURED -> LOG.warn("No account exists and no bootstrap is configured, so nobody can sign in: set "
                    + "GRIDLOOP_BOOTSTRAP_DISTRICT, GRIDLOOP_BOOTSTRAP_ADMIN_USERNAME and GRIDLOOP_BOOTSTRAP_ADMIN_PASSWORD");
        }
    }

    /** Makes the district and its administrator if no account exists, in one transaction under the lock. */
    Outcome apply(Optional<Settings> settings) {
        return QuarkusTransaction.requiringNew().call(() -> {
            entityManager.createNativeQuery("SELECT pg_advisory_xact_lock(?1)").setParameter(1, LOCK).getSingleResult();
            if (!entityManager.createNativeQuery("SELECT 1 FROM account LIMIT 1").getResultList().isEmpty()) {
                return Outcome.ACCOUNTS_EXIST;
            }
            if (settings.isEmpty()) {
                return Outcome.NOT_CONFIGURED;
            }
            Settings s = settings.get();
            long districtId = regions.district(s.district());
            Account admin = new Account();
            admin.districtId = districtId;
            admin.username = s.username();
            admin.passwordHash = passwords.hash(s.password());
            admin.name = s.name();
            admin.mustChangePassword = true;
            admin.bind(RoleBinding.of(Role.DISTRICT_ADMIN, districtId, null));
            admin.persist();
            audit.record(districtId, AuditKind.ACCOUNT_CREATED, null, "account", admin.id,
                    Map.of("username", admin.username, "roles", AccountService.roleFacts(admin.roles),
                            "mustChangePassword", true, "bootstrap", true));
            return Outcome.APPLIED;
        });
    }

    /** The settings, all three or none, each as an account made by an administrator would need it; else the start fails. */
    static Optional<Settings> settings(BootstrapConfig config) {
        Optional<String> district = config.district().map(String::strip);
        Optional<String> username = config.admin().username().map(String::strip);
        Optional<String> password = config.admin().password();
        if (district.isEmpty() && username.isEmpty() && password.isEmpty()) {
            return Optional.empty();
        }
        List<String> problems = new ArrayList<>();
        if (district.isEmpty() || district.get().length() > 100) {
            problems.add("GRIDLOOP_BOOTSTRAP_DISTRICT: the district's name, 1 to 100 characters");
        }
        if (username.isEmpty() || !username.get().matches("[A-Za-z0-9_.-]{3,64}")) {
            problems.add("GRIDLOOP_BOOTSTRAP_ADMIN_USERNAME: 3 to 64 letters, digits, '_', '.' or '-'");
        }
        if (password.isEmpty() || password.get().length() < Passwords.MIN_LENGTH || password.get().length() > Passwords.MAX_LENGTH) {
            problems.add("GRIDLOOP_BOOTSTRAP_ADMIN_PASSWORD: " + Passwords.MIN_LENGTH + " to " + Passwords.MAX_LENGTH + " characters");
        }
        if (config.admin().name().isBlank() || config.admin().name().length() > 50) {
            problems.add("GRIDLOOP_BOOTSTRAP_ADMIN_NAME: 1 to 50 characters");
        }
        if (!problems.isEmpty()) {
            throw new IllegalStateException("The bootstrap settings are set together or not at all, and each must be right:\n  "
                    + String.join("\n  ", problems));
        }
        return Optional.of(new Settings(district.get(), username.get(), password.get(), config.admin().name().strip()));
    }
}
