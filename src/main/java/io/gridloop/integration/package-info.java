/** API keys for other government systems. */
@OwnsTables({ "api_key" })
package io.gridloop.integration;

import io.gridloop.shared.OwnsTables;
