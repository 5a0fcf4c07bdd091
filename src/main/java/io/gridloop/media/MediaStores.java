package io.gridloop.media;

import java.nio.file.Path;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/** The store {@code gridloop.media.storage.kind} names: the file system under the data directory unless s3 is chosen. */
@ApplicationScoped
class MediaStores {

    @Produces
    @Singleton
    MediaStore store(MediaConfig config) {
        return switch (config.storage().kind()) {
            case S3 -> new S3Store(config.storage().s3());
            case FILESYSTEM -> new FileSystemStore(Path.of(config.storage().directory()));
        };
    }

    void close(@Disposes MediaStore store) {
        if (store instanceof S3Store s3) {
            s3.close();
        }
    }
}
