package io.gridloop.media;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;

/**
 * Media content as files under a directory: key {@code objects/<sha256>} is the file
 * {@code objects/<first two characters>/<sha256>}, so no directory holds more than a fraction of them.
 * A file is written beside its final place and renamed into it, so a reader never sees half of one.
 */
class FileSystemStore implements MediaStore {

    private final Path root;

    FileSystemStore(Path root) {
        this.root = root.toAbsolutePath().normalize();
    }

    private Path path(String key) {
        int slash = key.indexOf('/');
        String prefix = key.substring(0, slash);
        String name = key.substring(slash + 1);
        if (name.length() < 2 || name.contains("/") || name.startsWith(".")) {
            throw new IllegalArgumentException("not a media key: " + key);
        }
        return root.resolve(prefix).resolve(name.substring(0, 2)).resolve(name);
    }

    @Override
    public void put(String key, Path file, String contentType) throws IOException {
        Path target = path(key);
        Files.createDirectories(target.getParent());
        Files.copy(file, target, StandardCopyOption.REPLACE_EXISTING);
    }

    @Override
    public void promote(String stagingKey, String key) throws IOException {
        Path target = path(key);
        Files.createDirectories(target.getParent());
        Path staged = path(stagingKey);
        Files.setLastModifiedTime(staged, FileTime.from(Instant.now()));
        Files.move(staged, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    @Override
    public Optional<InputStream> open(String key) throws IOException {
        try {
            return Optional.of(Files.newInputStream(path(key)));
        } catch (NoSuchFileException none) {
            return Optional.empty();
        }
    }

    @Override
    public void delete(String key) throws IOException {
        Files.deleteIfExists(path(key));
    }

    @Override
    public List<Stored> list(String prefix, String after, int limit) throws IOException {
        Path directory = root.resolve(prefix.endsWith("/") ? prefix.substring(0, prefix.length() - 1) : prefix);
        List<Stored> found = new ArrayList<>();
        if (!Files.isDirectory(directory)) {
            return found;
        }
        for (Path fan : sorted(directory)) {
            for (Path file : sorted(fan)) {
                String key = prefix + file.getFileName();
                if (after != null && key.compareTo(after) <= 0) {
                    continue;
                }
                try {
                    found.add(new Stored(key, Files.getLastModifiedTime(file).toInstant()));
                } catch (NoSuchFileException removedMeanwhile) {
                    continue;
                }
                if (found.size() == limit) {
                    return found;
                }
            }
        }
        return found;
    }

    private static TreeSet<Path> sorted(Path directory) throws IOException {
        TreeSet<Path> paths = new TreeSet<>();
        if (!Files.isDirectory(directory)) {
            return paths;
        }
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(directory)) {
            entries.forEach(paths::add);
        }
        return paths;
    }

    @Override
    public Optional<Instant> writtenAt(String key) throws IOException {
        try {
            return Optional.of(Files.getLastModifiedTime(path(key)).toInstant());
        } catch (NoSuchFileException none) {
            return Optional.empty();
        }
    }
}
