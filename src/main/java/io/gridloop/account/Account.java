package io.gridloop.account;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

import jakarta.persistence.CascadeType;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.OneToMany;
import jakarta.persistence.OrderBy;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Version;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** Anyone who signs in: staff with a password, residents through WeChat. */
@Entity
public class Account extends PanacheEntityBase {

    @Id
    @SequenceGenerator(name = "account_seq", allocationSize = 50)
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "account_seq")
    public Long id;

    @Column(name = "district_id", nullable = false)
    public long districtId;

    public String username;

    @Column(name = "password_hash")
    public String passwordHash;

    public String name;

    public String phone;

    @Column(name = "wechat_openid")
    public String wechatOpenid;

    public boolean enabled = true;

    /** Someone else chose the password: until the account changes it, it may only read itself and change it. */
    @Column(name = "must_change_password")
    public boolean mustChangePassword;

    @Version
    public long version;

    @Column(name = "created_at", insertable = false, updatable = false)
    public OffsetDateTime createdAt;

    @OneToMany(mappedBy = "account", cascade = CascadeType.ALL, orphanRemoval = true)
    @OrderBy("id")
    public List<RoleBinding> roles = new ArrayList<>();

    static Account findByUsername(String username) {
        return find("lower(username) = lower(?1)", username).firstResult();
    }

    void bind(RoleBinding binding) {
        binding.account = this;
        binding.districtId = districtId;
        roles.add(binding);
    }
}
