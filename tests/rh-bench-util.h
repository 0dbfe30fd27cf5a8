/* rh-bench-util.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

double rh_bench_now_ms (void);
double rh_bench_percentile (GArray *samples,
                            double  fraction);

G_END_DECLS
