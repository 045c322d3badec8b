// Byte classes of 64 bytes of text at once, for AttestMatching's word scan (`WordScan`).
//
// Header only: Swift compiles these static inline functions into its own code and inlines them,
// so that the scan gets the vector unit's byte masks (SSE2's movemask: sixteen bytes' top bits in
// one instruction) that Swift's SIMD types do not expose. Elsewhere the same bits are computed
// byte by byte. A test checks both ways against the byte-by-byte definition.
#ifndef ATTEST_BYTES_H
#define ATTEST_BYTES_H

#include <stdint.h>
#if defined(__SSE2__)
#include <emmintrin.h>
#endif

typedef struct {
    // bit k set when byte k is an ASCII letter or digit
    uint64_t letters;
    // bit k set when byte k is 0x80 or more (part of a non-ASCII character)
    uint64_t wide;
} attest_block_bits_t;

// The classes of the 64 bytes at `p` (all 64 readable), byte by byte: the definition, and the
// way on processors without SSE2.
static inline attest_block_bits_t attest_block_bits_bytewise(const uint8_t *p) {
    attest_block_bits_t r = {0, 0};
    for (int k = 0; k < 64; k++) {
        uint8_t c = p[k], lower = (uint8_t)(c | 0x20);
        if ((lower >= 'a' && lower <= 'z') || (c >= '0' && c <= '9')) r.letters |= (uint64_t)1 << k;
        if (c >= 0x80) r.wide |= (uint64_t)1 << k;
    }
    return r;
}

// The classes of the 64 bytes at `p` (all 64 readable).
static inline attest_block_bits_t attest_block_bits(const uint8_t *p) {
#if defined(__SSE2__)
    attest_block_bits_t r = {0, 0};
    const __m128i space = _mm_set1_epi8(0x20);
    const __m128i beforeA = _mm_set1_epi8('a' - 1), afterZ = _mm_set1_epi8('z' + 1);
    const __m128i before0 = _mm_set1_epi8('0' - 1), after9 = _mm_set1_epi8('9' + 1);
    for (int k = 0; k < 4; k++) {
        __m128i v = _mm_loadu_si128((const __m128i *)(const void *)(p + 16 * k));
        // signed comparisons: bytes from 0x80 are negative, so neither letters nor digits
        __m128i lower = _mm_or_si128(v, space);
        __m128i letter = _mm_and_si128(_mm_cmpgt_epi8(lower, beforeA), _mm_cmplt_epi8(lower, afterZ));
        __m128i digit = _mm_and_si128(_mm_cmpgt_epi8(v, before0), _mm_cmplt_epi8(v, after9));
        r.letters |= (uint64_t)(uint32_t)_mm_movemask_epi8(_mm_or_si128(letter, digit)) << (16 * k);
        r.wide |= (uint64_t)(uint32_t)_mm_movemask_epi8(v) << (16 * k);
    }
    return r;
#else
    return attest_block_bits_bytewise(p);
#endif
}

// Places for a search of an ASCII word in any case (`ASCIISearch` in AttestText): bit k of the
// result set when the bytes at s + k + p and s + k + q, ORed with 0x20, are x and y, for k in
// 0..<16 (bytes s + p up to s + q + 15 readable). Byte by byte: the definition, and the way on
// processors without SSE2.
static inline uint32_t attest_pair_places_bytewise(const uint8_t *s, long p, uint8_t x, long q, uint8_t y) {
    uint32_t r = 0;
    for (int k = 0; k < 16; k++) {
        if ((uint8_t)(s[k + p] | 0x20) == x && (uint8_t)(s[k + q] | 0x20) == y) r |= (uint32_t)1 << k;
    }
    return r;
}

static inline uint32_t attest_pair_places(const uint8_t *s, long p, uint8_t x, long q, uint8_t y) {
#if defined(__SSE2__)
    const __m128i space = _mm_set1_epi8(0x20);
    __m128i a = _mm_or_si128(_mm_loadu_si128((const __m128i *)(const void *)(s + p)), space);
    __m128i b = _mm_or_si128(_mm_loadu_si128((const __m128i *)(const void *)(s + q)), space);
    __m128i both = _mm_and_si128(_mm_cmpeq_epi8(a, _mm_set1_epi8((char)x)), _mm_cmpeq_epi8(b, _mm_set1_epi8((char)y)));
    return (uint32_t)_mm_movemask_epi8(both);
#else
    return attest_pair_places_bytewise(s, p, x, q, y);
#endif
}

// The search loop of `ASCIISearch`: from `s` in steps of 16 while `s <= last`, the first block
// of places (`attest_pair_places`, of one word's pair or, with `two`, of either word's) that
// marks one; returns its `s` with its bits in `*mask`, or the first `s` past `last` with `*mask`
// 0. In C, so that the loop keeps its values in registers (written in Swift around its closures,
// it reloaded five of them from the stack every sixteen places).
static inline long attest_pair_scan(const uint8_t *b, long s, long last, long p, uint8_t x, long q, uint8_t y,
                                    int two, long op, uint8_t ox, long oq, uint8_t oy, uint32_t *mask) {
    for (; s <= last; s += 16) {
        uint32_t m = attest_pair_places(b + s, p, x, q, y);
        if (two) m |= attest_pair_places(b + s, op, ox, oq, oy);
        if (m != 0) {
            *mask = m;
            return s;
        }
    }
    *mask = 0;
    return s;
}

#endif
