/* rh-startup-profile.c
 *
 * Where a start spends its time: with G_MESSAGES_DEBUG=rehearse-startup
 * each step prints the milliseconds since the process was started, as
 * the kernel counts it, so that exec and the toolkit's own start count,
 * then the processor time the calling thread has used, which other
 * processes do not blur as they do the first, and the resident memory
 * at that point.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>
#include <time.h>
#include <unistd.h>

#include "rh-startup-profile.h"

#define RH_STARTUP_PROFILE_DOMAIN "rehearse-startup"

/* Field 22 of /proc/self/stat is the start in clock ticks since boot,
 * after the command name in parentheses. */
static gint64
rh_startup_profile_process_start (void)
{
  g_autofree char *stat = NULL;
  const char      *end;
  guint64          ticks = 0;
  struct timespec  now;

  if (g_file_get_contents ("/proc/self/stat", &stat, NULL, NULL) && (end = strrchr (stat, ')')) != NULL)
    {
      g_auto (GStrv) fields = g_strsplit (end + 2, " ", 22);

      if (g_strv_length (fields) >= 20)
        ticks = g_ascii_strtoull (fields[19], NULL, 10);
    }
  clock_gettime (CLOCK_BOOTTIME, &now);

  return g_get_monotonic_time () - ((gint64) now.tv_sec * G_USEC_PER_SEC + now.tv_nsec / 1000 -
                                    (gint64) ticks * G_USEC_PER_SEC / sysconf (_SC_CLK_TCK));
}

static double
rh_startup_profile_thread_cpu_ms (void)
{
  struct timespec cpu;

  if (clock_gettime (CLOCK_THREAD_CPUTIME_ID, &cpu) != 0)
    return 0;

  return cpu.tv_sec * 1000.0 + cpu.tv_nsec / 1e6;
}

/* The resident set now, in MB: the second field of /proc/self/statm,
 * in pages. */
static double
rh_startup_profile_rss_mb (void)
{
  g_autofree char *statm = NULL;
  g_auto (GStrv)   fields = NULL;

  if (!g_file_get_contents ("/proc/self/statm", &statm, NULL, NULL))
    return 0;

  fields = g_strsplit (statm, " ", 3);
  if (g_strv_length (fields) < 2)
    return 0;

  return g_ascii_strtod (fields[1], NULL) * sysconf (_SC_PAGESIZE) / (1024.0 * 1024.0);
}

/**
 * rh_startup_profile_mark:
 * @what: the step just done
 */
void
rh_startup_profile_mark (const char *what)
{
  static gint64 process_start;

  g_return_if_fail (what != NULL);

  if (process_start == 0)
    process_start = rh_startup_profile_process_start ();

  g_log (RH_STARTUP_PROFILE_DOMAIN, G_LOG_LEVEL_DEBUG, "%8.1f ms  %6.1f ms cpu  %6.1f MB  %s",
         (g_get_monotonic_time () - process_start) / 1000.0, rh_startup_profile_thread_cpu_ms (),
         rh_startup_profile_rss_mb (), what);
}
