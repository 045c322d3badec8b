// The system zlib (Debian/Ubuntu: zlib1g-dev; macOS: in the SDK), for AttestFormats' Deflate.
#include <zlib.h>
