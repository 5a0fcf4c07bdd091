/**
 * Open311 GeoReport v2 under /open311/v2 (SPEC §2a, §3): discovery, the service catalogue, service
 * definitions, filing and reading service requests, tokens; JSON and XML; GeoReport's error list. A
 * request is an ordinary ticket (source OPEN311); {@code open311_request} keeps what Open311 adds to it.
 */
@OwnsTables({ "open311_request" })
package io.gridloop.open311;

import io.gridloop.shared.OwnsTables;
