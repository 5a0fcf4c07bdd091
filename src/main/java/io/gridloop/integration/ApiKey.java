package io.gridloop.integration;

import java.time.OffsetDateTime;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** A key another system (12345 hotline, Open311 client) signs in with; only its hash is kept. */
@Entity
@Table(name = "api_key")
public class ApiKey extends PanacheEntityBase {

    @Id
    @SequenceGenerator(name = "api_key_seq", allocationSize = 50)
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "api_key_seq")
    public Long id;

    @Column(name = "district_id", nullable = false)
    public long districtId;

    /** The jurisdiction the key files and reads requests in. */
    @Column(name = "region_id", nullable = false)
    public long regionId;

    public String name;

    @Column(name = "key_hash")
    public String keyHash;

    /** The first characters of the key, to tell keys apart in lists without revealing them. */
    @Column(name = "key_prefix")
    public String keyPrefix;

    @Column(name = "created_at", insertable = false, updatable = false)
    public OffsetDateTime createdAt;

    @Column(name = "revoked_at")
    public OffsetDateTime revokedAt;
}
