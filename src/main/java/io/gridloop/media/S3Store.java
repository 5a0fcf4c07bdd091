package io.gridloop.media;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Response;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * Media content in an S3-compatible bucket, each key under the configured prefix. Uploads stream
 * from the file (its length known, so no buffering); a promotion is a server-side copy then the
 * staged object's removal, which also renews the final object's time.
 */
class S3Store implements MediaStore, AutoCloseable {

    private final S3Client s3;
    private final String bucket;
    private final String prefix;

    S3Store(MediaConfig.S3 config) {
        this.bucket = config.bucket().orElseThrow(() -> new IllegalStateException(
                "gridloop.media.storage.kind=s3 needs gridloop.media.storage.s3.bucket (GRIDLOOP_MEDIA_STORAGE_S3_BUCKET)"));
        this.prefix = config.prefix();
        S3ClientBuilder builder = S3Client.builder().region(Region.of(config.region()))
                .httpClient(UrlConnectionHttpClient.create())
                .forcePathStyle(config.pathStyle())
                // checksums only where an operation requires them: the SDK's default (a CRC trailer on every upload)
                // is refused by S3-compatible servers that predate it, S3Proxy's included; the content's SHA-256 is
                // checked by the upload itself
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED);
        config.endpoint().ifPresent(builder::endpointOverride);
        if (config.accessKeyId().isPresent() && config.secretAccessKey().isPresent()) {
            builder.credentialsProvider(StaticCredentialsProvider.create(
                    AwsBasicCredentials.create(config.accessKeyId().get(), config.secretAccessKey().get())));
        } else {
            builder.credentialsProvider(DefaultCredentialsProvider.builder().build());
        }
        this.s3 = builder.build();
    }

    @Override
    public void put(String key, Path file, String contentType) throws IOException {
        call(() -> s3.putObject(b -> b.bucket(bucket).key(prefix + key).contentType(contentType), RequestBody.fromFile(file)));
    }

    @Override
    public void promote(String stagingKey, String key) throws IOException {
        call(() -> s3.copyObject(b -> b.sourceBucket(bucket).sourceKey(prefix + stagingKey)
                .destinationBucket(bucket).destinationKey(prefix + key)));
        delete(stagingKey);
    }

    @Override
    public Optional<InputStream> open(String key) throws IOException {
        try {
            return Optional.of(s3.getObject(b -> b.bucket(bucket).key(prefix + key)));
        } catch (NoSuchKeyException none) {
            return Optional.empty();
        } catch (SdkException e) {
            throw new IOException("S3 GET " + key + " failed", e);
        }
    }

    @Override
    public void delete(String key) throws IOException {
        call(() -> s3.deleteObject(b -> b.bucket(bucket).key(prefix + key)));
    }

    @Override
    public List<Stored> list(String keyPrefix, String after, int limit) throws IOException {
        ListObjectsV2Response page = call(() -> s3.listObjectsV2(b -> {
            b.bucket(bucket).prefix(prefix + keyPrefix).maxKeys(limit);
            if (after != null) {
                b.startAfter(prefix + after);
            }
        }));
        return page.contents().stream()
                .map(object -> new Stored(object.key().substring(prefix.length()), object.lastModified())).toList();
    }

    @Override
    public Optional<Instant> writtenAt(String key) throws IOException {
        try {
            HeadObjectResponse head = s3.headObject(b -> b.bucket(bucket).key(prefix + key));
            return Optional.of(head.lastModified());
        } catch (NoSuchKeyException none) {
            return Optional.empty();
        } catch (S3Exception e) {
            if (e.statusCode() == 404) {
                return Optional.empty();
            }
            throw new IOException("S3 HEAD " + key + " failed", e);
        } catch (SdkException e) {
            throw new IOException("S3 HEAD " + key + " failed", e);
        }
    }

    private static <T> T call(java.util.function.Supplier<T> request) throws IOException {
        try {
            return request.get();
        } catch (SdkException e) {
            throw new IOException("S3 request failed", e);
        }
    }

    @Override
    public void close() {
        s3.close();
    }
}
