package io.gridloop.shared;

/** What an import did to one kind of thing: rows it created, rows it changed, and rows already as the file says. */
public record ImportCounts(int created, int updated, int unchanged) {

    public static ImportCounts of(int rows, int created, int updated) {
        return new ImportCounts(created, updated, rows - created - updated);
    }
}
