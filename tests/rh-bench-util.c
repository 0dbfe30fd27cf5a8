/* rh-bench-util.c
 *
 * What every benchmark needs: a clock and percentiles of its samples.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "rh-bench-util.h"

double
rh_bench_now_ms (void)
{
  return g_get_monotonic_time () / 1000.0;
}

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a;
  double y = *(const double *) b;

  return x < y ? -1 : x > y;
}

/**
 * rh_bench_percentile:
 * @samples: (element-type double): sorted in place
 * @fraction: 0.5 for the median, 0.95 for p95, 1 for the maximum
 */
double
rh_bench_percentile (GArray *samples,
                     double  fraction)
{
  guint i;

  g_return_val_if_fail (samples != NULL && samples->len > 0, 0.0);

  g_array_sort (samples, compare_doubles);
  i = (guint) (fraction * (samples->len - 1) + 0.5);

  return g_array_index (samples, double, MIN (i, samples->len - 1));
}
