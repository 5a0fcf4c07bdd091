/** Code every feature may use and that depends on none: errors, paging, idempotency, security, phone masking. */
@OwnsTables({ "idempotency_record" })
package io.gridloop.shared;

import io.gridloop.shared.OwnsTables;
