/**
 * The three lists of a community (三张清单, SPEC §1.9): the resource list (what units and party members
 * offer, {@code community_resource}, owned here), the needs list (its open tickets and wishes, anonymised
 * as on the wish wall: {@code ticket.WishWall#needs}) and the service list (the catalogue:
 * {@code catalog.Catalog#published}). Published to the people who belong to the community.
 */
@OwnsTables({ "community_resource" })
package io.gridloop.lists;

import io.gridloop.shared.OwnsTables;
