package io.gridloop.account;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Tuple;
import jakarta.transaction.Transactional;
import jakarta.transaction.Transactional.TxType;

import io.gridloop.shared.security.Role;

/**
 * What other features may know of accounts: the account feature owns {@code account} and
 * {@code role_binding}, and this (with {@link Recipients} and {@link ClaimEligibility} for SQL) is the
 * only way in for everyone else. Answers are records, never entities.
 */
@ApplicationScoped
public class Accounts {

    /** How to reach a person: the name shown, and the phone (personal data: mask it unless the reader may see it). */
    public record Contact(long id, String name, String phone) {
    }

    /** A role binding to import: the role, and the region or unit it is held in. */
    public record ImportedRole(Role role, Long regionId, Long unitId) {
    }

    private final EntityManager entityManager;
    private final Passwords passwords;

    Accounts(EntityManager entityManager, Passwords passwords) {
        this.entityManager = entityManager;
        this.passwords = passwords;
    }

    /** A password's hash as sign-in checks it (slow on purpose: hash once, use for many accounts). */
    public String passwordHash(String password) {
        return passwords.hash(password);
    }

    /** The contacts of these accounts, by id; unknown ids are absent. */
    public Map<Long, Contact> contacts(Collection<Long> ids) {
        if (ids.isEmpty()) {
            return Map.of();
        }
        @SuppressWarnings("unchecked")
        List<Tuple> rows = entityManager.createNativeQuery("SELECT id, name, phone FROM account WHERE id IN (:ids)", Tuple.class)
                .setParameter("ids", ids).getResultList();
        return rows.stream().map(r -> new Contact(r.get("id", Long.class), r.get("name", String.class), r.get("phone", String.class)))
                .collect(Collectors.toMap(Contact::id, Function.identity()));
    }

    /**
     * An account from an import file (the demo seeds), made with its roles if no account has the
     * username yet; an existing one is left as it is, so importing again changes nothing.
     *
     * @return whether the account was made
     */
    @Transactional(TxType.MANDATORY)
    public boolean imported(long districtId, String username, String passwordHash, String name, String phone,
            List<ImportedRole> roles) {
        if (!entityManager.createNativeQuery("SELECT 1 FROM account WHERE lower(username) = lower(?1)")
                .setParameter(1, username).getResultList().isEmpty()) {
            return false;
        }
        long id = ((Number) entityManager.createNativeQuery("SELECT nextval('account_seq')").getSingleResult()).longValue();
        entityManager.createNativeQuery(
                "INSERT INTO account (id, district_id, username, password_hash, name, phone) VALUES (?1, ?2, ?3, ?4, ?5, ?6)")
                .setParameter(1, id).setParameter(2, districtId).setParameter(3, username).setParameter(4, passwordHash)
                .setParameter(5, name).setParameter(6, phone).executeUpdate();
        for (ImportedRole role : roles) {
            entityManager.createNativeQuery("""
                    INSERT INTO role_binding (id, account_id, district_id, role, region_id, unit_id)
                    VALUES (nextval('role_binding_seq'), ?1, ?2, ?3, ?4, ?5)""")
                    .setParameter(1, id).setParameter(2, districtId).setParameter(3, role.role().name())
                    .setParameter(4, role.regionId()).setParameter(5, role.unitId()).executeUpdate();
        }
        return true;
    }
}
