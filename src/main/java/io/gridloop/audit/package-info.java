/**
 * The audit an operator keeps: sign-ins, role changes, imports, API keys and unmasked personal-data
 * reads, read by the district admin ({@code GET /api/v1/audit}). Other features write through
 * {@link io.gridloop.audit.Audit}; the audit depends on shared code only.
 */
@OwnsTables({ "audit_event" })
package io.gridloop.audit;

import io.gridloop.shared.OwnsTables;
