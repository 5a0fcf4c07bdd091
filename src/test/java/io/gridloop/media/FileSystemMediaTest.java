package io.gridloop.media;

import io.quarkus.test.junit.QuarkusTest;

/** The media cases on the default store: files under the data directory. */
@QuarkusTest
class FileSystemMediaTest extends MediaContract {
}
