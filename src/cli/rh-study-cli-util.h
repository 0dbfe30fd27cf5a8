/* rh-study-cli-util.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "rh-library.h"
#include "rh-review-log.h"
#include "rh-study-settings.h"

G_BEGIN_DECLS

void rh_study_cli_util_print (GOutputStream *stream,
                              const char    *format,
                              ...) G_GNUC_PRINTF (2, 3);
int  rh_study_cli_util_fail (GOutputStream *err,
                             const char    *format,
                             ...) G_GNUC_PRINTF (2, 3);

gboolean rh_study_cli_util_parse_ref (const char *text,
                                      char      **out_path,
                                      char      **out_question_id);
gboolean rh_study_cli_util_parse_time (const char *text,
                                       gint64     *out_time,
                                       GError    **error);
char    *rh_study_cli_util_format_time (gint64 time);

RhLibrary   *rh_study_cli_util_load_library (GOutputStream *err);
RhReviewLog *rh_study_cli_util_open_log (GError **error);
void         rh_study_cli_util_load_settings (RhStudySettings *settings,
                                              gint64           at);

char *rh_study_cli_util_format_card (const RhFsrsCard *card,
                                     gboolean          reviewed);
void  rh_study_cli_util_add_card (JsonBuilder      *builder,
                                  const char       *key,
                                  const RhFsrsCard *card,
                                  gboolean          reviewed);
char *rh_study_cli_util_to_json (JsonBuilder *builder);

G_END_DECLS
