/* The writ runtime's C ABI: load a compiled decision table and ask it questions. Usable from C,
 * C++ and any language with a C FFI. A table that fails to load decides nothing: every question
 * asked of a NULL table is answered "deny" (fail closed).
 * Only the loader's status codes and header validation exist yet; decisions arrive with the table
 * format (see ../shared/ROADMAP.md). Covered by tests/unit/runtime/. */
#ifndef WRIT_RUNTIME_H
#define WRIT_RUNTIME_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef enum writ_status {
  WRIT_OK = 0,
  WRIT_BAD_MAGIC = 1,
  WRIT_UNSUPPORTED_VERSION = 2,
  WRIT_TRUNCATED = 3,
  WRIT_MALFORMED = 4,
  WRIT_LIMIT_EXCEEDED = 5
} writ_status;

/** The table-format version this runtime reads. */
uint16_t writ_table_format_version(void);

/** Checks a table image's fixed header (magic, version, declared size). */
writ_status writ_check_header(const uint8_t* bytes, size_t size);

/** A readable name for a status, e.g. "bad magic". Never NULL. */
const char* writ_status_name(writ_status status);

#ifdef __cplusplus
}
#endif

#endif /* WRIT_RUNTIME_H */
