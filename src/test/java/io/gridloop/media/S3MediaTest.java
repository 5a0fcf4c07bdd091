package io.gridloop.media;

import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/** The media cases on S3-compatible object storage: S3Proxy in a JVM of its own, started by the test ({@link S3Server}). */
@QuarkusTest
@TestProfile(S3MediaTest.S3Storage.class)
class S3MediaTest extends MediaContract {

    @Test
    void the_cases_run_on_the_s3_store() {
        assertInstanceOf(S3Store.class, store);
    }

    public static class S3Storage implements QuarkusTestProfile {
        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(S3Server.class));
        }
    }
}
