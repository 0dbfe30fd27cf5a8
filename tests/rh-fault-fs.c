/* rh-fault-fs.c
 *
 * Makes one folder behave as if its disk were full, or mounted
 * read-only, for the tests of what Rehearse does then. The tests run as
 * root, whom file permissions do not stop, and where mounting a small
 * tmpfs or a read-only bind may not be allowed; so this stands in for
 * the C library's file calls instead, and fails those on files in the
 * folder the way the kernel would: writes with ENOSPC on a full disk,
 * and on a read-only one every call that would change something with
 * EROFS. SQLite and GLib then behave as they do on a real full or
 * read-only disk.
 *
 * Linked into a test, rh_fault_fs_set() turns it on and off. Preloaded
 * into another process (LD_PRELOAD, for `rehearse` itself), the
 * environment does: RH_FAULT_FS=full:FOLDER or RH_FAULT_FS=read-only:FOLDER.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Both the plain and the 64-bit names of each call, as the C library
 * has them, and no inline wrappers in their place. */
#undef _FILE_OFFSET_BITS
#undef _FORTIFY_SOURCE
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif

#include <dlfcn.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/sendfile.h>
#include <sys/stat.h>
#include <sys/statfs.h>
#include <sys/statvfs.h>
#include <sys/uio.h>
#include <unistd.h>

#include "rh-fault-fs.h"

/* What _FORTIFY_SOURCE calls in place of open() and openat(). */
int __open_2 (const char *path, int flags);
int __open64_2 (const char *path, int flags);
int __openat_2 (int dirfd, const char *path, int flags);
int __openat64_2 (int dirfd, const char *path, int flags);

static volatile RhFaultFsMode fault_mode;
static char                   fault_directory[PATH_MAX];
static size_t                 fault_directory_length;

void
rh_fault_fs_set (RhFaultFsMode mode,
                 const char   *directory)
{
  fault_mode = RH_FAULT_FS_NONE;
  if (mode == RH_FAULT_FS_NONE || directory == NULL)
    return;

  snprintf (fault_directory, sizeof fault_directory, "%s", directory);
  fault_directory_length = strlen (fault_directory);
  while (fault_directory_length > 1 && fault_directory[fault_directory_length - 1] == '/')
    fault_directory[--fault_directory_length] = '\0';
  fault_mode = mode;
}

__attribute__ ((constructor)) static void
rh_fault_fs_init (void)
{
  const char *setting = getenv ("RH_FAULT_FS");

  if (setting == NULL)
    return;

  if (strncmp (setting, "full:", 5) == 0)
    rh_fault_fs_set (RH_FAULT_FS_FULL, setting + 5);
  else if (strncmp (setting, "read-only:", 10) == 0)
    rh_fault_fs_set (RH_FAULT_FS_READ_ONLY, setting + 10);
}

#define REAL(name)                       \
  static __typeof__ (name) *real_##name; \
  if (real_##name == NULL)               \
  real_##name = (__typeof__ (name) *) dlsym (RTLD_NEXT, #name)

static int
is_inside (const char *path)
{
  return strncmp (path, fault_directory, fault_directory_length) == 0 &&
         (path[fault_directory_length] == '/' || path[fault_directory_length] == '\0');
}

/* @path relative to @dirfd as an absolute path, for comparing. */
static int
resolve (int         dirfd,
         const char *path,
         char       *out,
         size_t      size)
{
  char    base[PATH_MAX];
  ssize_t n;

  if (path == NULL)
    return 0;

  if (path[0] == '/')
    return snprintf (out, size, "%s", path) < (int) size;

  if (dirfd == AT_FDCWD)
    {
      if (getcwd (base, sizeof base) == NULL)
        return 0;
    }
  else
    {
      char link[64];

      snprintf (link, sizeof link, "/proc/self/fd/%d", dirfd);
      if ((n = readlink (link, base, sizeof base - 1)) < 0)
        return 0;
      base[n] = '\0';
    }

  return snprintf (out, size, "%s/%s", base, path) < (int) size;
}

static int
path_is_faulty (int         dirfd,
                const char *path)
{
  char absolute[PATH_MAX];

  return fault_mode != RH_FAULT_FS_NONE && resolve (dirfd, path, absolute, sizeof absolute) &&
         is_inside (absolute);
}

static int
fd_is_faulty (int fd)
{
  char    link[64];
  char    target[PATH_MAX];
  ssize_t n;

  if (fault_mode == RH_FAULT_FS_NONE || fd < 0)
    return 0;

  snprintf (link, sizeof link, "/proc/self/fd/%d", fd);
  if ((n = readlink (link, target, sizeof target - 1)) < 0)
    return 0;
  target[n] = '\0';

  return is_inside (target);
}

static int
fail (int errno_value)
{
  errno = errno_value;
  return -1;
}

/* The error a change to a file in the folder fails with, or 0. */
static int
change_error (int         dirfd,
              const char *path)
{
  if (!path_is_faulty (dirfd, path))
    return 0;

  return fault_mode == RH_FAULT_FS_READ_ONLY ? EROFS : 0;
}

/* What the kernel says to write(): nothing on a full disk, nothing to a
 * file on a read-only one (it would not be open for writing). */
static int
write_error (int fd)
{
  if (!fd_is_faulty (fd))
    return 0;

  return fault_mode == RH_FAULT_FS_FULL ? ENOSPC : EROFS;
}

/* A read-only file system lets a file that exists be opened for reading
 * alone, O_CREAT or not; a full one lets files be created, empty. */
static int
open_error (int         dirfd,
            const char *path,
            int         flags)
{
  int writes = (flags & O_ACCMODE) != O_RDONLY || (flags & O_TRUNC) != 0 ||
               (flags & O_TMPFILE) == O_TMPFILE;
  struct stat st;

  if (fault_mode != RH_FAULT_FS_READ_ONLY || !path_is_faulty (dirfd, path))
    return 0;

  if (writes)
    return EROFS;

  if ((flags & O_CREAT) != 0 && fstatat (dirfd, path, &st, 0) != 0)
    return EROFS;

  return 0;
}

static mode_t
open_mode (int     flags,
           va_list args)
{
  if ((flags & O_CREAT) != 0 || (flags & O_TMPFILE) == O_TMPFILE)
    return va_arg (args, mode_t);

  return 0;
}

int
open (const char *path,
      int         flags,
      ...)
{
  va_list args;
  mode_t  mode;
  int     error;

  REAL (open);
  va_start (args, flags);
  mode = open_mode (flags, args);
  va_end (args);

  if ((error = open_error (AT_FDCWD, path, flags)) != 0)
    return fail (error);

  return real_open (path, flags, mode);
}

int
open64 (const char *path,
        int         flags,
        ...)
{
  va_list args;
  mode_t  mode;
  int     error;

  REAL (open64);
  va_start (args, flags);
  mode = open_mode (flags, args);
  va_end (args);

  if ((error = open_error (AT_FDCWD, path, flags)) != 0)
    return fail (error);

  return real_open64 (path, flags, mode);
}

int
__open_2 (const char *path,
          int         flags)
{
  return open (path, flags);
}

int
__open64_2 (const char *path,
            int         flags)
{
  return open64 (path, flags);
}

int
openat (int         dirfd,
        const char *path,
        int         flags,
        ...)
{
  va_list args;
  mode_t  mode;
  int     error;

  REAL (openat);
  va_start (args, flags);
  mode = open_mode (flags, args);
  va_end (args);

  if ((error = open_error (dirfd, path, flags)) != 0)
    return fail (error);

  return real_openat (dirfd, path, flags, mode);
}

int
openat64 (int         dirfd,
          const char *path,
          int         flags,
          ...)
{
  va_list args;
  mode_t  mode;
  int     error;

  REAL (openat64);
  va_start (args, flags);
  mode = open_mode (flags, args);
  va_end (args);

  if ((error = open_error (dirfd, path, flags)) != 0)
    return fail (error);

  return real_openat64 (dirfd, path, flags, mode);
}

int
__openat_2 (int         dirfd,
            const char *path,
            int         flags)
{
  return openat (dirfd, path, flags);
}

int
__openat64_2 (int         dirfd,
              const char *path,
              int         flags)
{
  return openat64 (dirfd, path, flags);
}

int
creat (const char *path,
       mode_t      mode)
{
  return open (path, O_CREAT | O_WRONLY | O_TRUNC, mode);
}

int
creat64 (const char *path,
         mode_t      mode)
{
  return open64 (path, O_CREAT | O_WRONLY | O_TRUNC, mode);
}

static int
fopen_error (const char *path,
             const char *mode)
{
  if (mode == NULL || strpbrk (mode, "wa+") == NULL)
    return 0;

  return change_error (AT_FDCWD, path);
}

FILE *
fopen (const char *path,
       const char *mode)
{
  int error;

  REAL (fopen);
  if ((error = fopen_error (path, mode)) != 0)
    {
      errno = error;
      return NULL;
    }

  return real_fopen (path, mode);
}

FILE *
fopen64 (const char *path,
         const char *mode)
{
  int error;

  REAL (fopen64);
  if ((error = fopen_error (path, mode)) != 0)
    {
      errno = error;
      return NULL;
    }

  return real_fopen64 (path, mode);
}

int
mkdir (const char *path,
       mode_t      mode)
{
  REAL (mkdir);
  /* A new folder takes a block of its own. */
  if (path_is_faulty (AT_FDCWD, path))
    return fail (fault_mode == RH_FAULT_FS_FULL ? ENOSPC : EROFS);

  return real_mkdir (path, mode);
}

int
mkdirat (int         dirfd,
         const char *path,
         mode_t      mode)
{
  REAL (mkdirat);
  if (path_is_faulty (dirfd, path))
    return fail (fault_mode == RH_FAULT_FS_FULL ? ENOSPC : EROFS);

  return real_mkdirat (dirfd, path, mode);
}

int
rmdir (const char *path)
{
  int error;

  REAL (rmdir);
  if ((error = change_error (AT_FDCWD, path)) != 0)
    return fail (error);

  return real_rmdir (path);
}

int
unlink (const char *path)
{
  int error;

  REAL (unlink);
  if ((error = change_error (AT_FDCWD, path)) != 0)
    return fail (error);

  return real_unlink (path);
}

int
unlinkat (int         dirfd,
          const char *path,
          int         flags)
{
  int error;

  REAL (unlinkat);
  if ((error = change_error (dirfd, path)) != 0)
    return fail (error);

  return real_unlinkat (dirfd, path, flags);
}

int
rename (const char *from,
        const char *to)
{
  int error;

  REAL (rename);
  if ((error = change_error (AT_FDCWD, from)) != 0 || (error = change_error (AT_FDCWD, to)) != 0)
    return fail (error);

  return real_rename (from, to);
}

int
renameat (int         from_dirfd,
          const char *from,
          int         to_dirfd,
          const char *to)
{
  int error;

  REAL (renameat);
  if ((error = change_error (from_dirfd, from)) != 0 || (error = change_error (to_dirfd, to)) != 0)
    return fail (error);

  return real_renameat (from_dirfd, from, to_dirfd, to);
}

int
renameat2 (int          from_dirfd,
           const char  *from,
           int          to_dirfd,
           const char  *to,
           unsigned int flags)
{
  int error;

  REAL (renameat2);
  if ((error = change_error (from_dirfd, from)) != 0 || (error = change_error (to_dirfd, to)) != 0)
    return fail (error);

  return real_renameat2 (from_dirfd, from, to_dirfd, to, flags);
}

int
link (const char *from,
      const char *to)
{
  int error;

  REAL (link);
  if ((error = change_error (AT_FDCWD, to)) != 0)
    return fail (error);

  return real_link (from, to);
}

int
symlink (const char *target,
         const char *path)
{
  int error;

  REAL (symlink);
  if ((error = change_error (AT_FDCWD, path)) != 0)
    return fail (error);

  return real_symlink (target, path);
}

int
chmod (const char *path,
       mode_t      mode)
{
  int error;

  REAL (chmod);
  if ((error = change_error (AT_FDCWD, path)) != 0)
    return fail (error);

  return real_chmod (path, mode);
}

int
fchmod (int    fd,
        mode_t mode)
{
  REAL (fchmod);
  if (fault_mode == RH_FAULT_FS_READ_ONLY && fd_is_faulty (fd))
    return fail (EROFS);

  return real_fchmod (fd, mode);
}

int
truncate (const char *path,
          off_t       length)
{
  int error;

  REAL (truncate);
  if ((error = change_error (AT_FDCWD, path)) != 0)
    return fail (error);

  return real_truncate (path, length);
}

int
truncate64 (const char *path,
            off64_t     length)
{
  int error;

  REAL (truncate64);
  if ((error = change_error (AT_FDCWD, path)) != 0)
    return fail (error);

  return real_truncate64 (path, length);
}

int
ftruncate (int   fd,
           off_t length)
{
  REAL (ftruncate);
  if (fault_mode == RH_FAULT_FS_READ_ONLY && fd_is_faulty (fd))
    return fail (EROFS);

  return real_ftruncate (fd, length);
}

int
ftruncate64 (int     fd,
             off64_t length)
{
  REAL (ftruncate64);
  if (fault_mode == RH_FAULT_FS_READ_ONLY && fd_is_faulty (fd))
    return fail (EROFS);

  return real_ftruncate64 (fd, length);
}

/* May @path be written, as the kernel answers on a read-only disk: a
 * file that exists may not, one that does not is not there. */
static int
access_error (int         dirfd,
              const char *path,
              int         how,
              int         result)
{
  if (result != 0 || (how & W_OK) == 0 || fault_mode != RH_FAULT_FS_READ_ONLY || !path_is_faulty (dirfd, path))
    return 0;

  return EROFS;
}

int
access (const char *path,
        int         how)
{
  int result;
  int error;

  REAL (access);
  result = real_access (path, how);
  if ((error = access_error (AT_FDCWD, path, how, result)) != 0)
    return fail (error);

  return result;
}

int
faccessat (int         dirfd,
           const char *path,
           int         how,
           int         flags)
{
  int result;
  int error;

  REAL (faccessat);
  result = real_faccessat (dirfd, path, how, flags);
  if ((error = access_error (dirfd, path, how, result)) != 0)
    return fail (error);

  return result;
}

int
euidaccess (const char *path,
            int         how)
{
  int result;
  int error;

  REAL (euidaccess);
  result = real_euidaccess (path, how);
  if ((error = access_error (AT_FDCWD, path, how, result)) != 0)
    return fail (error);

  return result;
}

int
eaccess (const char *path,
         int         how)
{
  return euidaccess (path, how);
}

ssize_t
write (int         fd,
       const void *buffer,
       size_t      count)
{
  int error;

  REAL (write);
  if (count > 0 && (error = write_error (fd)) != 0)
    return fail (error);

  return real_write (fd, buffer, count);
}

ssize_t
pwrite (int         fd,
        const void *buffer,
        size_t      count,
        off_t       offset)
{
  int error;

  REAL (pwrite);
  if (count > 0 && (error = write_error (fd)) != 0)
    return fail (error);

  return real_pwrite (fd, buffer, count, offset);
}

ssize_t
pwrite64 (int         fd,
          const void *buffer,
          size_t      count,
          off64_t     offset)
{
  int error;

  REAL (pwrite64);
  if (count > 0 && (error = write_error (fd)) != 0)
    return fail (error);

  return real_pwrite64 (fd, buffer, count, offset);
}

ssize_t
writev (int                 fd,
        const struct iovec *vector,
        int                 count)
{
  int error;

  REAL (writev);
  if (count > 0 && (error = write_error (fd)) != 0)
    return fail (error);

  return real_writev (fd, vector, count);
}

ssize_t
pwritev (int                 fd,
         const struct iovec *vector,
         int                 count,
         off_t               offset)
{
  int error;

  REAL (pwritev);
  if (count > 0 && (error = write_error (fd)) != 0)
    return fail (error);

  return real_pwritev (fd, vector, count, offset);
}

ssize_t
pwritev64 (int                 fd,
           const struct iovec *vector,
           int                 count,
           off64_t             offset)
{
  int error;

  REAL (pwritev64);
  if (count > 0 && (error = write_error (fd)) != 0)
    return fail (error);

  return real_pwritev64 (fd, vector, count, offset);
}

int
fallocate (int   fd,
           int   mode,
           off_t offset,
           off_t length)
{
  int error;

  REAL (fallocate);
  if ((error = write_error (fd)) != 0)
    return fail (error);

  return real_fallocate (fd, mode, offset, length);
}

int
fallocate64 (int     fd,
             int     mode,
             off64_t offset,
             off64_t length)
{
  int error;

  REAL (fallocate64);
  if ((error = write_error (fd)) != 0)
    return fail (error);

  return real_fallocate64 (fd, mode, offset, length);
}

/* These two return the error rather than set errno. */
int
posix_fallocate (int   fd,
                 off_t offset,
                 off_t length)
{
  int error;

  REAL (posix_fallocate);
  if ((error = write_error (fd)) != 0)
    return error;

  return real_posix_fallocate (fd, offset, length);
}

int
posix_fallocate64 (int     fd,
                   off64_t offset,
                   off64_t length)
{
  int error;

  REAL (posix_fallocate64);
  if ((error = write_error (fd)) != 0)
    return error;

  return real_posix_fallocate64 (fd, offset, length);
}

ssize_t
splice (int          fd_in,
        loff_t      *offset_in,
        int          fd_out,
        loff_t      *offset_out,
        size_t       length,
        unsigned int flags)
{
  int error;

  REAL (splice);
  if (length > 0 && (error = write_error (fd_out)) != 0)
    return fail (error);

  return real_splice (fd_in, offset_in, fd_out, offset_out, length, flags);
}

ssize_t
copy_file_range (int          fd_in,
                 loff_t      *offset_in,
                 int          fd_out,
                 loff_t      *offset_out,
                 size_t       length,
                 unsigned int flags)
{
  int error;

  REAL (copy_file_range);
  if (length > 0 && (error = write_error (fd_out)) != 0)
    return fail (error);

  return real_copy_file_range (fd_in, offset_in, fd_out, offset_out, length, flags);
}

ssize_t
sendfile (int    fd_out,
          int    fd_in,
          off_t *offset,
          size_t count)
{
  int error;

  REAL (sendfile);
  if (count > 0 && (error = write_error (fd_out)) != 0)
    return fail (error);

  return real_sendfile (fd_out, fd_in, offset, count);
}

ssize_t
sendfile64 (int      fd_out,
            int      fd_in,
            off64_t *offset,
            size_t   count)
{
  int error;

  REAL (sendfile64);
  if (count > 0 && (error = write_error (fd_out)) != 0)
    return fail (error);

  return real_sendfile64 (fd_out, fd_in, offset, count);
}

/* What the file system says of itself: no free block, or mounted
 * read-only. */
#define ADJUST_STATVFS(st, flags_member)    \
  do                                        \
    {                                       \
      if (fault_mode == RH_FAULT_FS_FULL)   \
        (st)->f_bfree = (st)->f_bavail = 0; \
      else                                  \
        (st)->flags_member |= ST_RDONLY;    \
    }                                       \
  while (0)

int
statvfs (const char     *path,
         struct statvfs *st)
{
  int result;

  REAL (statvfs);
  result = real_statvfs (path, st);
  if (result == 0 && path_is_faulty (AT_FDCWD, path))
    ADJUST_STATVFS (st, f_flag);

  return result;
}

int
statvfs64 (const char       *path,
           struct statvfs64 *st)
{
  int result;

  REAL (statvfs64);
  result = real_statvfs64 (path, st);
  if (result == 0 && path_is_faulty (AT_FDCWD, path))
    ADJUST_STATVFS (st, f_flag);

  return result;
}

int
fstatvfs (int             fd,
          struct statvfs *st)
{
  int result;

  REAL (fstatvfs);
  result = real_fstatvfs (fd, st);
  if (result == 0 && fd_is_faulty (fd))
    ADJUST_STATVFS (st, f_flag);

  return result;
}

int
fstatvfs64 (int               fd,
            struct statvfs64 *st)
{
  int result;

  REAL (fstatvfs64);
  result = real_fstatvfs64 (fd, st);
  if (result == 0 && fd_is_faulty (fd))
    ADJUST_STATVFS (st, f_flag);

  return result;
}

int
statfs (const char    *path,
        struct statfs *st)
{
  int result;

  REAL (statfs);
  result = real_statfs (path, st);
  if (result == 0 && path_is_faulty (AT_FDCWD, path))
    ADJUST_STATVFS (st, f_flags);

  return result;
}

int
statfs64 (const char      *path,
          struct statfs64 *st)
{
  int result;

  REAL (statfs64);
  result = real_statfs64 (path, st);
  if (result == 0 && path_is_faulty (AT_FDCWD, path))
    ADJUST_STATVFS (st, f_flags);

  return result;
}
