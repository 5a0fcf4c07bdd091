package io.gridloop.region;

import java.time.OffsetDateTime;
import java.util.Map;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Version;

import org.hibernate.annotations.Generated;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.generator.EventType;
import org.hibernate.type.SqlTypes;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** A node of the district's tree. Its path lists the ids from the district down to itself. */
@Entity
public class Region extends PanacheEntityBase {

    @Id
    @SequenceGenerator(name = "region_seq", allocationSize = 50)
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "region_seq")
    public Long id;

    @Column(name = "district_id", nullable = false)
    public long districtId;

    @Column(name = "parent_id")
    public Long parentId;

    @Enumerated(EnumType.STRING)
    public RegionType type;

    public String name;

    /** Set by the database from the parent's path when the region is inserted. */
    @Column(insertable = false, updatable = false)
    @Generated(event = EventType.INSERT)
    public String path;

    @Enumerated(EnumType.STRING)
    @Column(name = "size_class")
    public SizeClass sizeClass;

    @JdbcTypeCode(SqlTypes.JSON)
    public Map<String, Object> boundary;

    @Column(name = "contact_unit_id")
    public Long contactUnitId;

    @Version
    public long version;

    @Column(name = "created_at", insertable = false, updatable = false)
    public OffsetDateTime createdAt;
}
