/**
 * The points store (积分超市, SPEC §1.9) of each community: items with their stock, managed by the
 * community's admin, and redemptions that spend points ({@code points.Points}), are fulfilled by the
 * admin, or cancelled, which gives back the points and the stock. Races are settled in the database.
 */
@OwnsTables({ "store_item", "store_redemption" })
package io.gridloop.store;

import io.gridloop.shared.OwnsTables;
