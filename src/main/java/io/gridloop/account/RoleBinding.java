package io.gridloop.account;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;

import io.gridloop.shared.security.Role;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** One role an account holds, in a region or (for unit handlers) a unit. */
@Entity
@Table(name = "role_binding")
public class RoleBinding extends PanacheEntityBase {

    @Id
    @SequenceGenerator(name = "role_binding_seq", allocationSize = 50)
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "role_binding_seq")
    public Long id;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "account_id")
    public Account account;

    @Column(name = "district_id", nullable = false)
    public long districtId;

    @Enumerated(EnumType.STRING)
    public Role role;

    @Column(name = "region_id")
    public Long regionId;

    @Column(name = "unit_id")
    public Long unitId;

    static RoleBinding of(Role role, Long regionId, Long unitId) {
        RoleBinding binding = new RoleBinding();
        binding.role = role;
        binding.regionId = regionId;
        binding.unitId = unitId;
        return binding;
    }
}
