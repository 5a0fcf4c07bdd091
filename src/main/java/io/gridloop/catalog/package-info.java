/** The service catalogue (服务清单). Others ask {@link io.gridloop.catalog.Catalog}. */
@OwnsTables({ "category" })
package io.gridloop.catalog;

import io.gridloop.shared.OwnsTables;
