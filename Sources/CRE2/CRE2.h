// Intentionally empty: RE2's headers are C++ and are included by the CAttestRegex shim only.
