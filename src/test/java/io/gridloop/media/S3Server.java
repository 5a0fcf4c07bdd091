package io.gridloop.media;

import java.net.URI;
import java.util.Map;
import java.util.Properties;

import org.gaul.s3proxy.AuthenticationType;
import org.gaul.s3proxy.S3Proxy;
import org.jclouds.ContextBuilder;
import org.jclouds.blobstore.BlobStore;
import org.jclouds.blobstore.BlobStoreContext;
import org.jclouds.blobstore.TransientApiMetadata;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * A real S3-compatible server inside the test JVM: S3Proxy (the S3 REST API, with AWS signature v4
 * checked) over jclouds' in-memory blob store, on a free port; media's S3 store talks to it over HTTP
 * as it would to MinIO or AWS.
 */
public class S3Server implements QuarkusTestResourceLifecycleManager {

    static final String BUCKET = "gridloop-media-test";
    private static final String ACCESS_KEY = "test-access-key";
    private static final String SECRET_KEY = "test-secret-key";

    private S3Proxy proxy;
    private BlobStoreContext context;

    @Override
    public Map<String, String> start() {
        // by its metadata, not its name: a lookup by name loads every provider S3Proxy registers, the cloud ones
        // (left out of the test class path) included
        context = ContextBuilder.newBuilder(new TransientApiMetadata()).credentials("identity", "credential")
                .overrides(new Properties()).build(BlobStoreContext.class);
        BlobStore blobs = context.getBlobStore();
        blobs.createContainerInLocation(null, BUCKET);
        proxy = S3Proxy.builder().blobStore(blobs).endpoint(URI.create("http://127.0.0.1:0"))
                .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, ACCESS_KEY, SECRET_KEY).build();
        try {
            proxy.start();
        } catch (Exception e) {
            throw new IllegalStateException("S3Proxy did not start", e);
        }
        return Map.of("gridloop.media.storage.kind", "s3",
                "gridloop.media.storage.s3.bucket", BUCKET,
                "gridloop.media.storage.s3.endpoint", "http://127.0.0.1:" + proxy.getPort(),
                "gridloop.media.storage.s3.region", "us-east-1",
                "gridloop.media.storage.s3.access-key-id", ACCESS_KEY,
                "gridloop.media.storage.s3.secret-access-key", SECRET_KEY,
                "gridloop.media.storage.s3.path-style", "true");
    }

    @Override
    public void stop() {
        try {
            if (proxy != null) {
                proxy.stop();
            }
        } catch (Exception e) {
            throw new IllegalStateException(e);
        } finally {
            if (context != null) {
                context.close();
            }
        }
    }
}
