/** The notification inbox; other features write to it through {@link io.gridloop.inbox.Inbox}. */
@OwnsTables({ "notification" })
package io.gridloop.inbox;

import io.gridloop.shared.OwnsTables;
