package io.gridloop.audit;

/** What an audit entry records. */
public enum AuditKind {
    /** A password sign-in that issued a token; {@code username} and {@code address} say who and from where. */
    SIGN_IN_SUCCEEDED,
    /** A password sign-in refused (details.reason: BAD_CREDENTIALS, DISABLED); throttled attempts are not recorded. */
    SIGN_IN_FAILED,
    /** An account made by an administrator or by the first-admin bootstrap (no actor); details: its roles. */
    ACCOUNT_CREATED,
    /** A role bound to an account after its creation; details: role, regionId, unitId. */
    ROLE_BOUND,
    ROLE_UNBOUND,
    ACCOUNT_DISABLED,
    ACCOUNT_ENABLED,
    /** An account changed its own password. */
    PASSWORD_CHANGED,
    /** A district import (written by the importer through {@link Audit#record}); details: what it changed. */
    DATA_IMPORTED,
    API_KEY_CREATED,
    API_KEY_REVOKED,
    /** Someone was shown a personal value unmasked (SPEC §1.2); subject and subjectId name the record, details.field the value. */
    PERSONAL_DATA_READ
}
