package io.gridloop.seed;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import io.gridloop.account.Accounts;
import io.gridloop.districtimport.DistrictFile;
import io.gridloop.districtimport.DistrictFiles;
import io.gridloop.districtimport.DistrictImport;
import io.gridloop.member.MemberImport;
import io.gridloop.region.RegionImport;
import io.quarkus.runtime.StartupEvent;

/**
 * Loads the demo district from seeds/ at start in the dev, demo and test profiles, through the same
 * import a district admin calls ({@link DistrictImport}), so loading again changes nothing; each new
 * demo account gets the password "gridloop". An advisory lock keeps two instances starting together
 * from making the district twice.
 */
@ApplicationScoped
public class DemoSeeder {

    private static final Logger LOG = Logger.getLogger(DemoSeeder.class);
    private static final String DEMO_PASSWORD = "gridloop";
    private static final long LOCK = 0x67726964L;
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private interface Reader<T> {
        T read(InputStream in) throws IOException;
    }

    private static final String DISTRICT_FILE = "seeds/demo-district.yaml";
    private static final String MEMBERS_FILE = "seeds/demo-members.yaml";

    private final EntityManager entityManager;
    private final RegionImport regions;
    private final Accounts accounts;
    private final DistrictImport imports;
    private final DistrictFiles files;
    private final MemberImport members;
    private final DemoActivity activity;
    private final boolean enabled;

    private final int httpPort;
    private final String httpHost;
    private final int managementPort;
    /** Where Swagger UI and the OpenAPI document are: the management interface in the packaged jar, else the API's port. */
    private int toolsPort;

    DemoSeeder(EntityManager entityManager, RegionImport regions, Accounts accounts, DistrictImport imports, DistrictFiles files,
            MemberImport members, DemoActivity activity, SeedConfig config, @ConfigProperty(name = "quarkus.http.port") int httpPort,
            @ConfigProperty(name = "quarkus.http.host", defaultValue = "0.0.0.0") String httpHost,
            @ConfigProperty(name = "quarkus.management.port", defaultValue = "9000") int managementPort) {
        this.entityManager = entityManager;
        this.regions = regions;
        this.accounts = accounts;
        this.imports = imports;
        this.files = files;
        this.members = members;
        this.activity = activity;
        this.enabled = config.enabled();
        this.httpPort = httpPort;
        this.httpHost = httpHost;
        this.managementPort = managementPort;
        this.toolsPort = httpPort;
    }

    /** Fired, before the start, only when the build turned the management interface on (the packaged jar). */
    void onManagementInterface(@Observes io.quarkus.vertx.http.ManagementInterface management) {
        toolsPort = managementPort;
    }

    void onStart(@Observes StartupEvent start) {
        if (enabled) {
            List<String> usernames = load();
            LOG.infof("""
                    gridloop demo is up
                      API:          http://localhost:%1$d/api/v1
                      Swagger UI:   http://localhost:%5$d/q/swagger-ui
                      OpenAPI:      http://localhost:%5$d/q/openapi
                      Demo accounts (password '%2$s'): %3$s
                      Open311 API key: demo-open311-key
                      %4$s""", httpPort, DEMO_PASSWORD, String.join(", ", usernames), reach(), toolsPort);
        }
    }

    /** Anyone who reaches the port can sign in with the demo's public passwords: say who can. */
    String reach() {
        boolean local = httpHost.equals("127.0.0.1") || httpHost.equals("localhost") || httpHost.equals("::1");
        return local ? "Listening on " + httpHost + " only; QUARKUS_HTTP_HOST=0.0.0.0 opens it to other machines"
                : "Listening on " + httpHost + ": every machine that reaches this port can sign in with the demo passwords";
    }

    /**
     * Imports the demo district (what is already there stays as it is), then, once per database, what its people
     * have done ({@link DemoActivity}); returns the demo usernames.
     */
    @Transactional
    public List<String> load() {
        // one instance at a time: the district itself is made before the import can lock it
        entityManager.createNativeQuery("SELECT pg_advisory_xact_lock(?1)").setParameter(1, LOCK).getSingleResult();
        DistrictFile district = read(DISTRICT_FILE, files::read);
        long districtId = regions.district(district.district());
        imports.run(districtId, null, district, this::demoPasswordHash);
        members.imported(districtId, read(MEMBERS_FILE, in -> YAML.readValue(in, MemberImport.MembersFile.class)));
        activity.load(districtId);
        LOG.infof("Demo district %s (id %d) is loaded", district.district(), districtId);
        return district.accounts().stream().map(DistrictFile.Account::username).toList();
    }

    private String demoPasswordHash() {
        return accounts.passwordHash(DEMO_PASSWORD);
    }

    private <T> T read(String resource, Reader<T> reader) {
        try (InputStream in = Thread.currentThread().getContextClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("Seed file " + resource + " is not on the class path");
            }
            return reader.read(in);
        } catch (IOException e) {
            throw new UncheckedIOException("Seed file " + resource + " cannot be read", e);
        }
    }
}
