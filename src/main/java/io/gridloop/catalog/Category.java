package io.gridloop.catalog;

import java.time.OffsetDateTime;
import java.util.List;
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

import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** An entry of the service catalogue (服务清单): what residents can ask for, and how fast it must be done. */
@Entity
public class Category extends PanacheEntityBase {

    @Id
    @SequenceGenerator(name = "category_seq", allocationSize = 50)
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "category_seq")
    public Long id;

    @Column(name = "district_id", nullable = false)
    public long districtId;

    public String code;

    @Column(name = "name_zh")
    public String nameZh;

    @Column(name = "name_en")
    public String nameEn;

    @Column(name = "group_name")
    public String group;

    @Enumerated(EnumType.STRING)
    @Column(name = "default_matter_class")
    public MatterClass defaultMatterClass;

    @Column(name = "response_limit")
    public int responseLimit;

    @Enumerated(EnumType.STRING)
    @Column(name = "response_limit_unit")
    public LimitUnit responseLimitUnit;

    @Column(name = "resolution_limit")
    public int resolutionLimit;

    @Enumerated(EnumType.STRING)
    @Column(name = "resolution_limit_unit")
    public LimitUnit resolutionLimitUnit;

    @Column(name = "verification_required")
    public boolean verificationRequired;

    @JdbcTypeCode(SqlTypes.JSON)
    public List<Map<String, Object>> attributes = List.of();

    public boolean active = true;

    @Version
    public long version;

    @Column(name = "created_at", insertable = false, updatable = false)
    public OffsetDateTime createdAt;

    public static Category findByCode(long districtId, String code) {
        return find("districtId = ?1 and code = ?2", districtId, code).firstResult();
    }
}
