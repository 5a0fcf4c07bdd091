/** Code every feature may use and that depends on none: errors, paging, idempotency, security, personal data. */
@OwnsTables({ "idempotency_record", "personal_data_read" })
package io.gridloop.shared;

import io.gridloop.shared.OwnsTables;
