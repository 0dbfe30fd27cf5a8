/* rh-content-value.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

#include "rh-payload.h"

G_BEGIN_DECLS

/* A value as the reader sees it, in either form; in plain JSON its
 * index is -1. */
typedef RhPayloadValue RhContentValue;

/* A JSON path, kept on the C stack while descending and only turned
 * into text when something goes wrong.
 */
typedef struct _RhContentPlace RhContentPlace;
struct _RhContentPlace
{
  const RhContentPlace *parent;
  const char           *member; /* NULL for an array element */
  guint                 element;
  gint64                index; /* payload index of the value here, negative for none */
};

/* What values are resolved through (no payload in plain JSON), and
 * where the first error goes. */
typedef struct
{
  RhPayload *payload;
  GError   **error;
} RhContentValueReader;

G_GNUC_PRINTF (4, 5)
gboolean    rh_content_value_fail (RhContentValueReader *reader,
                                   const RhContentPlace *place,
                                   int                   code,
                                   const char           *format,
                                   ...);
gboolean    rh_content_value_fail_missing (RhContentValueReader *reader,
                                           const RhContentPlace *place);
const char *rh_content_value_describe (const RhContentValue *value);
void        rh_content_value_from_node (RhContentValueReader *reader,
                                        JsonNode             *node,
                                        RhContentValue       *out);
gboolean    rh_content_value_is_object (const RhContentValue *value);
gboolean    rh_content_value_is_absent (const RhContentValue *value);
void        rh_content_value_get_member (RhContentValueReader *reader,
                                         const RhContentValue *object,
                                         const char           *name,
                                         RhContentValue       *out);
void        rh_content_value_get_at (RhContentValueReader *reader,
                                     const RhContentValue *container,
                                     RhContentPlace       *place,
                                     RhContentValue       *out);
gboolean    rh_content_value_expect_object (RhContentValueReader *reader,
                                            const RhContentPlace *place,
                                            const RhContentValue *value);
gboolean    rh_content_value_read_array (RhContentValueReader *reader,
                                         const RhContentValue *object,
                                         RhContentPlace       *place,
                                         gboolean              required,
                                         RhContentValue       *out,
                                         guint                *out_length);
gboolean    rh_content_value_read_string (RhContentValueReader *reader,
                                          const RhContentPlace *parent,
                                          const RhContentValue *object,
                                          const char           *name,
                                          gboolean              required,
                                          const char          **out);

G_END_DECLS
