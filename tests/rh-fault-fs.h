/* rh-fault-fs.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

typedef enum
{
  RH_FAULT_FS_NONE,
  RH_FAULT_FS_FULL,
  RH_FAULT_FS_READ_ONLY,
} RhFaultFsMode;

void rh_fault_fs_set (RhFaultFsMode mode,
                      const char   *directory);
