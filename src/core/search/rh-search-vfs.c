/* rh-search-vfs.c
 *
 * Page checksums for the search index, so that damage to the file is
 * found when it is read instead of showing as wrong results: a shim
 * over SQLite's default VFS that keeps a checksum of every page in the
 * page's last RH_SEARCH_VFS_RESERVE bytes, the database's reserved
 * space. It is computed when a page is written and checked whenever a
 * page is read, which then fails with SQLITE_IOERR_DATA.
 *
 * SQLite's own checks find a damaged b-tree, but not a damaged row:
 * garbage in an answer's text, or in the path a result opens, reads
 * back without an error. FTS5's integrity-check finds some of that, by
 * reading the whole index, and none of it in unindexed columns.
 *
 * Only files opened through rh_search_vfs_open() are checked: every
 * search index written since this shim, and nothing else. A file of
 * an older format has no checksums and fails its first read, which
 * makes it damaged, and built again.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "rh-search-vfs.h"

#define VFS_NAME "rehearse-search"

/* The first 100 bytes of page 1: the page size is bytes 16 and 17, the
 * reserved space byte 20. */
#define HEADER_SIZE 100
#define HEADER_PAGE_SIZE_OFFSET 16
#define HEADER_RESERVE_OFFSET 20

/* Newer SQLite reads parts of overflow pages straight from the file if
 * the VFS says it can; this one reads whole pages, to check them. */
#ifndef SQLITE_IOCAP_SUBPAGE_READ
#define SQLITE_IOCAP_SUBPAGE_READ 0x00008000
#endif

typedef struct
{
  sqlite3_file base;
  int          page_size; /* from the header; 0 until it is read */
  gboolean     checksums; /* write checksums: the file reserves space for them */
} ChecksumFile;

/* The default VFS's own file follows ours, in the space SQLite gives. */
#define REAL_FILE(file) ((sqlite3_file *) (((ChecksumFile *) (file)) + 1))
#define REAL_VFS(vfs) ((sqlite3_vfs *) (vfs)->pAppData)

G_STATIC_ASSERT (sizeof (ChecksumFile) % 8 == 0);

static gboolean
is_page (int    amount,
         gint64 offset)
{
  return amount >= 512 && amount <= 65536 && (amount & (amount - 1)) == 0 && offset % amount == 0;
}

/* Two running sums of 64-bit words (Fletcher's, modulo 2^64), folded
 * into 32 bits each: a few tenths of a microsecond a page, against the
 * microseconds of reading it. Seeded with the page number, so that a
 * page of zeros, such as a file system leaves after a crash, or a good
 * page in the wrong place, fails.
 */
static void
compute_checksum (const guint8 *page,
                  int           size,
                  gint64        offset,
                  guint8        out[RH_SEARCH_VFS_RESERVE])
{
  guint64 a = G_GUINT64_CONSTANT (0x9e3779b97f4a7c15) ^ ((guint64) offset / (guint64) size + 1);
  guint64 b = G_GUINT64_CONSTANT (0xc2b2ae3d27d4eb4f);
  guint32 folded[2];

  for (int i = 0; i < size - RH_SEARCH_VFS_RESERVE; i += 8)
    {
      guint64 word;

      memcpy (&word, page + i, sizeof word);
      a += GUINT64_FROM_LE (word);
      b += a;
    }

  folded[0] = GUINT32_TO_LE ((guint32) (a ^ (a >> 32)));
  folded[1] = GUINT32_TO_LE ((guint32) (b ^ (b >> 32)));
  memcpy (out, folded, sizeof folded);
}

static void
note_header (ChecksumFile *self,
             const void   *data,
             int           amount,
             gint64        offset)
{
  const guint8 *header = data;

  if (offset == 0 && amount >= HEADER_SIZE && memcmp (header, "SQLite format 3", 16) == 0)
    {
      int page_size = header[HEADER_PAGE_SIZE_OFFSET] << 8 | header[HEADER_PAGE_SIZE_OFFSET + 1];

      self->page_size = page_size == 1 ? 65536 : page_size;
      self->checksums = header[HEADER_RESERVE_OFFSET] == RH_SEARCH_VFS_RESERVE;
    }
}

static int
verify (const void   *page,
        int           size,
        sqlite3_int64 offset)
{
  guint8 expected[RH_SEARCH_VFS_RESERVE];

  compute_checksum (page, size, offset, expected);
  if (memcmp ((const guint8 *) page + size - RH_SEARCH_VFS_RESERVE, expected, RH_SEARCH_VFS_RESERVE) != 0)
    {
      sqlite3_log (SQLITE_IOERR_DATA, "checksum fault at %lld", (long long) offset);
      return SQLITE_IOERR_DATA;
    }

  return SQLITE_OK;
}

/* The start of a page past the first, read in part (an overflow page
 * read straight into a record): the whole page is read and checked.
 */
static int
read_part (ChecksumFile *self,
           void         *data,
           int           amount,
           sqlite3_int64 offset)
{
  sqlite3_file      *real = REAL_FILE (self);
  g_autofree guint8 *page = g_malloc (self->page_size);
  int                rc;

  rc = real->pMethods->xRead (real, page, self->page_size, offset);
  if (rc == SQLITE_IOERR_SHORT_READ)
    rc = SQLITE_IOERR_DATA;
  if (rc == SQLITE_OK)
    rc = verify (page, self->page_size, offset);
  if (rc == SQLITE_OK)
    memcpy (data, page, amount);

  return rc;
}

static int
checksum_close (sqlite3_file *file)
{
  sqlite3_file *real = REAL_FILE (file);

  return real->pMethods->xClose (real);
}

static int
checksum_read (sqlite3_file *file,
               void         *data,
               int           amount,
               sqlite3_int64 offset)
{
  ChecksumFile *self = (ChecksumFile *) file;
  sqlite3_file *real = REAL_FILE (file);
  int           rc;

  if (offset > 0 && self->page_size > 0 && amount < self->page_size && offset % self->page_size == 0)
    return read_part (self, data, amount, offset);

  rc = real->pMethods->xRead (real, data, amount, offset);

  if (rc == SQLITE_OK)
    note_header (self, data, amount, offset);

  if (!is_page (amount, offset))
    return rc;

  /* Pages are whole in a file SQLite wrote: part of one is a file cut
   * short, which SQLite would read on with zeros. */
  if (rc == SQLITE_IOERR_SHORT_READ)
    {
      sqlite3_log (SQLITE_IOERR_DATA, "page at %lld is cut short", (long long) offset);
      return SQLITE_IOERR_DATA;
    }

  if (rc != SQLITE_OK)
    return rc;

  return verify (data, amount, offset);
}

static int
checksum_write (sqlite3_file *file,
                const void   *data,
                int           amount,
                sqlite3_int64 offset)
{
  ChecksumFile      *self = (ChecksumFile *) file;
  sqlite3_file      *real = REAL_FILE (file);
  g_autofree guint8 *copy = NULL;

  note_header (self, data, amount, offset);

  if (!self->checksums || !is_page (amount, offset))
    return real->pMethods->xWrite (real, data, amount, offset);

  /* SQLite's page stays as it is: the checksum goes into a copy. */
  copy = g_memdup2 (data, amount);
  compute_checksum (copy, amount, offset, copy + amount - RH_SEARCH_VFS_RESERVE);

  return real->pMethods->xWrite (real, copy, amount, offset);
}

static int
checksum_truncate (sqlite3_file *file,
                   sqlite3_int64 size)
{
  sqlite3_file *real = REAL_FILE (file);

  return real->pMethods->xTruncate (real, size);
}

static int
checksum_sync (sqlite3_file *file,
               int           flags)
{
  sqlite3_file *real = REAL_FILE (file);

  return real->pMethods->xSync (real, flags);
}

static int
checksum_file_size (sqlite3_file  *file,
                    sqlite3_int64 *out_size)
{
  sqlite3_file *real = REAL_FILE (file);

  return real->pMethods->xFileSize (real, out_size);
}

static int
checksum_lock (sqlite3_file *file,
               int           lock)
{
  sqlite3_file *real = REAL_FILE (file);

  return real->pMethods->xLock (real, lock);
}

static int
checksum_unlock (sqlite3_file *file,
                 int           lock)
{
  sqlite3_file *real = REAL_FILE (file);

  return real->pMethods->xUnlock (real, lock);
}

static int
checksum_check_reserved_lock (sqlite3_file *file,
                              int          *out_locked)
{
  sqlite3_file *real = REAL_FILE (file);

  return real->pMethods->xCheckReservedLock (real, out_locked);
}

static int
checksum_file_control (sqlite3_file *file,
                       int           op,
                       void         *arg)
{
  sqlite3_file *real = REAL_FILE (file);

  return real->pMethods->xFileControl (real, op, arg);
}

static int
checksum_sector_size (sqlite3_file *file)
{
  sqlite3_file *real = REAL_FILE (file);

  return real->pMethods->xSectorSize (real);
}

static int
checksum_device_characteristics (sqlite3_file *file)
{
  sqlite3_file *real = REAL_FILE (file);

  return real->pMethods->xDeviceCharacteristics (real) & ~SQLITE_IOCAP_SUBPAGE_READ;
}

/* An index of the older format is in WAL mode. */
static int
checksum_shm_map (sqlite3_file   *file,
                  int             region,
                  int             size,
                  int             extend,
                  void volatile **out_memory)
{
  sqlite3_file *real = REAL_FILE (file);

  return real->pMethods->xShmMap (real, region, size, extend, out_memory);
}

static int
checksum_shm_lock (sqlite3_file *file,
                   int           offset,
                   int           n,
                   int           flags)
{
  sqlite3_file *real = REAL_FILE (file);

  return real->pMethods->xShmLock (real, offset, n, flags);
}

static void
checksum_shm_barrier (sqlite3_file *file)
{
  sqlite3_file *real = REAL_FILE (file);

  real->pMethods->xShmBarrier (real);
}

static int
checksum_shm_unmap (sqlite3_file *file,
                    int           delete_flag)
{
  sqlite3_file *real = REAL_FILE (file);

  return real->pMethods->xShmUnmap (real, delete_flag);
}

/* Memory-mapped pages would bypass the check: every page is read. */
static int
checksum_fetch (sqlite3_file *file,
                sqlite3_int64 offset,
                int           amount,
                void        **out_page)
{
  *out_page = NULL;

  return SQLITE_OK;
}

static int
checksum_unfetch (sqlite3_file *file,
                  sqlite3_int64 offset,
                  void         *page)
{
  return SQLITE_OK;
}

static const sqlite3_io_methods checksum_io_methods = {
  3,
  checksum_close,
  checksum_read,
  checksum_write,
  checksum_truncate,
  checksum_sync,
  checksum_file_size,
  checksum_lock,
  checksum_unlock,
  checksum_check_reserved_lock,
  checksum_file_control,
  checksum_sector_size,
  checksum_device_characteristics,
  checksum_shm_map,
  checksum_shm_lock,
  checksum_shm_barrier,
  checksum_shm_unmap,
  checksum_fetch,
  checksum_unfetch,
};

static int
checksum_open (sqlite3_vfs  *vfs,
               const char   *name,
               sqlite3_file *file,
               int           flags,
               int          *out_flags)
{
  ChecksumFile *self = (ChecksumFile *) file;
  sqlite3_vfs  *real_vfs = REAL_VFS (vfs);
  sqlite3_file *real = REAL_FILE (file);
  sqlite3_int64 size = -1;
  int           rc;

  /* Journals and temporary files are SQLite's own business. */
  if ((flags & SQLITE_OPEN_MAIN_DB) == 0)
    return real_vfs->xOpen (real_vfs, name, file, flags, out_flags);

  memset (self, 0, sizeof *self);
  rc = real_vfs->xOpen (real_vfs, name, real, flags, out_flags);
  if (rc != SQLITE_OK)
    {
      file->pMethods = NULL;
      return rc;
    }
  file->pMethods = &checksum_io_methods;

  /* A new file is an index being built, its reserved space set before
   * SQLite writes a page; the header says so for every other file. */
  if (real->pMethods->xFileSize (real, &size) == SQLITE_OK && size == 0)
    self->checksums = TRUE;

  return SQLITE_OK;
}

static int
checksum_delete (sqlite3_vfs *vfs,
                 const char  *name,
                 int          sync_directory)
{
  return REAL_VFS (vfs)->xDelete (REAL_VFS (vfs), name, sync_directory);
}

static int
checksum_access (sqlite3_vfs *vfs,
                 const char  *name,
                 int          flags,
                 int         *out_result)
{
  return REAL_VFS (vfs)->xAccess (REAL_VFS (vfs), name, flags, out_result);
}

static int
checksum_full_pathname (sqlite3_vfs *vfs,
                        const char  *name,
                        int          size,
                        char        *out)
{
  return REAL_VFS (vfs)->xFullPathname (REAL_VFS (vfs), name, size, out);
}

static void *
checksum_dl_open (sqlite3_vfs *vfs,
                  const char  *filename)
{
  return REAL_VFS (vfs)->xDlOpen (REAL_VFS (vfs), filename);
}

static void
checksum_dl_error (sqlite3_vfs *vfs,
                   int          size,
                   char        *out)
{
  REAL_VFS (vfs)->xDlError (REAL_VFS (vfs), size, out);
}

static void (*checksum_dl_sym (sqlite3_vfs *vfs,
                               void        *handle,
                               const char  *symbol)) (void)
{
  return REAL_VFS (vfs)->xDlSym (REAL_VFS (vfs), handle, symbol);
}

static void
checksum_dl_close (sqlite3_vfs *vfs,
                   void        *handle)
{
  REAL_VFS (vfs)->xDlClose (REAL_VFS (vfs), handle);
}

static int
checksum_randomness (sqlite3_vfs *vfs,
                     int          size,
                     char        *out)
{
  return REAL_VFS (vfs)->xRandomness (REAL_VFS (vfs), size, out);
}

static int
checksum_sleep (sqlite3_vfs *vfs,
                int          microseconds)
{
  return REAL_VFS (vfs)->xSleep (REAL_VFS (vfs), microseconds);
}

static int
checksum_current_time (sqlite3_vfs *vfs,
                       double      *out_time)
{
  return REAL_VFS (vfs)->xCurrentTime (REAL_VFS (vfs), out_time);
}

static int
checksum_get_last_error (sqlite3_vfs *vfs,
                         int          size,
                         char        *out)
{
  return REAL_VFS (vfs)->xGetLastError (REAL_VFS (vfs), size, out);
}

static int
checksum_current_time_int64 (sqlite3_vfs   *vfs,
                             sqlite3_int64 *out_time)
{
  return REAL_VFS (vfs)->xCurrentTimeInt64 (REAL_VFS (vfs), out_time);
}

/* Registered once, beside the default VFS and never in its place. */
static gpointer
register_vfs (gpointer data)
{
  static sqlite3_vfs vfs;
  sqlite3_vfs       *real;

  if ((real = sqlite3_vfs_find (NULL)) == NULL)
    return GINT_TO_POINTER (SQLITE_ERROR);

  vfs.iVersion = MIN (real->iVersion, 2);
  vfs.szOsFile = sizeof (ChecksumFile) + real->szOsFile;
  vfs.mxPathname = real->mxPathname;
  vfs.zName = VFS_NAME;
  vfs.pAppData = real;
  vfs.xOpen = checksum_open;
  vfs.xDelete = checksum_delete;
  vfs.xAccess = checksum_access;
  vfs.xFullPathname = checksum_full_pathname;
  vfs.xDlOpen = checksum_dl_open;
  vfs.xDlError = checksum_dl_error;
  vfs.xDlSym = checksum_dl_sym;
  vfs.xDlClose = checksum_dl_close;
  vfs.xRandomness = checksum_randomness;
  vfs.xSleep = checksum_sleep;
  vfs.xCurrentTime = checksum_current_time;
  vfs.xGetLastError = checksum_get_last_error;
  if (vfs.iVersion >= 2)
    vfs.xCurrentTimeInt64 = checksum_current_time_int64;

  return GINT_TO_POINTER (sqlite3_vfs_register (&vfs, FALSE));
}

/**
 * rh_search_vfs_has_checksums:
 * @db: a connection from rh_search_vfs_open() that has read its header
 *
 * Returns: whether the pages of @db's main file hold checksums, as
 *   those of every file created through rh_search_vfs_open() do
 */
gboolean
rh_search_vfs_has_checksums (sqlite3 *db)
{
  sqlite3_file *file = NULL;

  g_return_val_if_fail (db != NULL, FALSE);

  if (sqlite3_file_control (db, "main", SQLITE_FCNTL_FILE_POINTER, &file) != SQLITE_OK || file == NULL ||
      file->pMethods != &checksum_io_methods)
    return FALSE;

  return ((ChecksumFile *) file)->checksums;
}

/**
 * rh_search_vfs_open:
 * @out_db: (out): the connection, to be closed with sqlite3_close() even
 *   when opening fails
 *
 * rh_sqlite_open() with page checksums: every page read is checked, and
 * a file created here gets them, once its reserved space is set to
 * %RH_SEARCH_VFS_RESERVE with %SQLITE_FCNTL_RESERVE_BYTES before
 * anything is written.
 *
 * Returns: an SQLite result code
 */
int
rh_search_vfs_open (const char *path,
                    int         flags,
                    int         busy_timeout_ms,
                    sqlite3   **out_db)
{
  static GOnce registered = G_ONCE_INIT;
  int          rc;

  g_return_val_if_fail (path != NULL, SQLITE_MISUSE);
  g_return_val_if_fail (out_db != NULL, SQLITE_MISUSE);

  *out_db = NULL;

  rc = GPOINTER_TO_INT (g_once (&registered, register_vfs, NULL));
  if (rc != SQLITE_OK)
    return rc;

  rc = sqlite3_open_v2 (path, out_db, flags, VFS_NAME);
  if (rc == SQLITE_OK)
    {
      sqlite3_extended_result_codes (*out_db, 1);
      sqlite3_busy_timeout (*out_db, busy_timeout_ms);
    }

  return rc;
}
