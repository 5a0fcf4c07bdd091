-- The key that signs links to a ticket's photo (io.gridloop.media.PhotoLinks), such as Open311's media_url:
-- a link names one photo and when it expires, and serves it to whoever holds it, without credentials.
-- One row, made by the first instance that signs a link (32 random bytes from the JVM's SecureRandom), read by
-- every instance, so a link signed by one is served by all. Deleting the row (and restarting the instances,
-- which keep the key they read) makes a new key and voids every link given out.
CREATE TABLE media_link_key (
    id         smallint    PRIMARY KEY CHECK (id = 1),
    secret     bytea       NOT NULL CHECK (octet_length(secret) = 32),
    created_at timestamptz NOT NULL
);
