package io.gridloop.shared.security;

import java.util.List;
import java.util.Optional;

/**
 * Where {@link Caller} reads who a caller is, on every request: implemented by the features that own
 * the data (accounts and their role bindings; API keys), so shared code names none of their tables.
 */
public interface Directory {

    /**
     * A caller as the database has them now. API-key callers have account id 0, which no account has, and
     * no name or phone; {@code passwordChangeRequired}: the account must change its password before anything else.
     */
    record Entry(long accountId, long districtId, String name, String phone, List<Binding> bindings, boolean passwordChangeRequired) {
    }

    /** Accounts: an enabled account with its bindings, or empty when it is unknown or disabled. */
    interface Accounts {
        Optional<Entry> account(long accountId);
    }

    /** API keys: the key's district and the region it files and reads in, or empty when it is gone. */
    interface ApiKeys {
        Optional<Entry> apiKey(Object keyId);
    }
}
