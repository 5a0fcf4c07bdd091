/**
 * The demo district loader (dev, demo and test profiles): the district file from seeds/, then once per
 * database what its people have done ({@code DemoActivity}), recorded in {@code seed_activity}.
 */
@OwnsTables({ "seed_activity" })
package io.gridloop.seed;

import io.gridloop.shared.OwnsTables;
