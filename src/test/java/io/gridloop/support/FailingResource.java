package io.gridloop.support;

import jakarta.annotation.security.PermitAll;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;

import io.quarkus.narayana.jta.runtime.TransactionConfiguration;

/**
 * Test-only endpoints that fail the way a bug would, to see what a client gets from a 500, and the
 * way a database going down does (the server ends the request's connection: SQLState 57P01), and
 * the way a query that outlasts its time limit does (the server cancels it: SQLState 57014), and the
 * way a transaction that outlasts its own does (the transaction manager rolls it back and cancels its statement), and
 * the way a statement whose sort fills the disk does (SQLState 53100, raised as PostgreSQL raises it).
 */
@Path("/test/failure")
@PermitAll
public class FailingResource {

    public static final String SECRET = "secret-detail";

    private final EntityManager entityManager;

    public FailingResource(EntityManager entityManager) {
        this.entityManager = entityManager;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(hidden = true)
    public String fail() {
        throw new IllegalStateException(SECRET + ": jdbc:postgresql://db.internal/gridloop?password=hunter2");
    }

    @GET
    @Path("database")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(hidden = true)
    @Transactional
    public String databaseGone() {
        entityManager.createNativeQuery("SELECT pg_terminate_backend(pg_backend_pid())").getSingleResult();
        return "\"the connection survived\"";
    }

    @GET
    @Path("slow")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(hidden = true)
    @Transactional
    public String tooSlow() {
        entityManager.createNativeQuery("SET LOCAL statement_timeout = 50").executeUpdate();
        entityManager.createNativeQuery("SELECT pg_sleep(5)").getSingleResult();
        return "\"the query finished\"";
    }

    @GET
    @Path("disk-full")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(hidden = true)
    @Transactional
    public String diskFull() {
        entityManager.createNativeQuery("DO $$ BEGIN RAISE EXCEPTION 'could not write to file \"base/pgsql_tmp/pgsql_tmp1.0\": No space left"
                + " on device' USING ERRCODE = 'disk_full'; END $$").executeUpdate();
        return "\"the disk had room\"";
    }

    @GET
    @Path("timeout")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(hidden = true)
    @Transactional
    @TransactionConfiguration(timeout = 1)
    public String transactionTimedOut() {
        entityManager.createNativeQuery("SELECT pg_sleep(5)").getSingleResult();
        return "\"the transaction finished\"";
    }
}
