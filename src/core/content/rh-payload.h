/* rh-payload.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/* What a reference in the site's flattened payload stands for. */
typedef enum
{
  RH_PAYLOAD_ABSENT, /* undefined, or a hole in an array */
  RH_PAYLOAD_NULL, /* null, or an empty Vue ref */
  RH_PAYLOAD_VALUE, /* a JSON literal, object or plain array: see node */
  RH_PAYLOAD_NUMBER, /* NaN, ±Infinity or -0: not representable in JSON */
  RH_PAYLOAD_DATE, /* node is the ISO date string */
  RH_PAYLOAD_SET,
  RH_PAYLOAD_MAP,
} RhPayloadKind;

typedef struct
{
  RhPayloadKind kind;
  gint64        index; /* the entry finally reached, or the negative constant */
  JsonNode     *node; /* unowned */
} RhPayloadValue;

typedef struct _RhPayload RhPayload;

RhPayload *rh_payload_new (JsonNode *root,
                           GError  **error);
void       rh_payload_free (RhPayload *self);
gboolean   rh_payload_get_root (RhPayload      *self,
                                RhPayloadValue *out_value);
void       rh_payload_resolve (RhPayload      *self,
                               JsonNode       *reference,
                               RhPayloadValue *out_value);
guint      rh_payload_get_length (RhPayload *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (RhPayload, rh_payload_free)

G_END_DECLS
