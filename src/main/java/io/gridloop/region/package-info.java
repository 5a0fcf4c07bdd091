/** The district tree (district → street → community → grid), grid boundaries and contact units. Others ask {@link io.gridloop.region.Regions}. */
@OwnsTables({ "region", "unit" })
package io.gridloop.region;

import io.gridloop.shared.OwnsTables;
