package io.gridloop.media;

import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

/** The media cases on the default store: files under the data directory. */
@QuarkusTest
class FileSystemMediaTest extends MediaContract {

    @Test
    void the_cases_run_on_the_file_system_store() {
        assertInstanceOf(FileSystemStore.class, store);
    }
}
