package io.gridloop.region;

import java.time.OffsetDateTime;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Version;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** A contact unit (联系单位): a district department whose contact leader takes escalated matters of a few grids. */
@Entity
public class Unit extends PanacheEntityBase {

    @Id
    @SequenceGenerator(name = "unit_seq", allocationSize = 50)
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "unit_seq")
    public Long id;

    @Column(name = "district_id", nullable = false)
    public long districtId;

    public String name;

    @Column(name = "contact_name")
    public String contactName;

    public String phone;

    @Version
    public long version;

    @Column(name = "created_at", insertable = false, updatable = false)
    public OffsetDateTime createdAt;
}
