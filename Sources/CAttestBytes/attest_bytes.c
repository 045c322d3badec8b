// CAttestBytes is its header's static inline functions (include/attest_bytes.h), compiled into
// the Swift code that calls them; this file only gives the target a source of its own.
#include "attest_bytes.h"
