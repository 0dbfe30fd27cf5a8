/* rh-search-rank.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>
#include <sqlite3.h>

G_BEGIN_DECLS

/* The ranking functions of one read connection, and what they read. */
typedef struct _RhSearchRank RhSearchRank;

RhSearchRank *rh_search_rank_new (sqlite3 *db);
void          rh_search_rank_free (RhSearchRank *rank);
int           rh_search_rank_register (RhSearchRank *rank);
void          rh_search_rank_load_sizes (RhSearchRank *rank);

G_END_DECLS
