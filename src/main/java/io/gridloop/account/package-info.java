/** Accounts, role bindings and sign-in. Others ask {@link io.gridloop.account.Accounts}, {@link io.gridloop.account.Recipients} and {@link io.gridloop.account.ClaimEligibility}. */
@OwnsTables({ "account", "role_binding", "login_throttle" })
package io.gridloop.account;

import io.gridloop.shared.OwnsTables;
