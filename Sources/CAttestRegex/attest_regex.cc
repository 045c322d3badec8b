#include "attest_regex.h"

#include <re2/filtered_re2.h>
#include <re2/re2.h>
#include <re2/set.h>

#include <algorithm>
#include <cmath>
#if defined(__SSE2__)
#include <emmintrin.h>
#endif
#include <cstdlib>
#include <cstring>
#include <memory>
#include <string>
#include <vector>

namespace {

// Memory for each compiled pattern (its program and DFA cache); RE2's default is 8 MiB. A
// pattern whose program does not fit is refused ("pattern too large"); a text whose DFA does not
// fit is matched by RE2's NFA instead, still in time linear in the text.
constexpr int64_t patternMemory = 16 << 20;
// The set's DFA holds the states of every pattern at once.
constexpr int64_t setMemory = 64 << 20;

RE2::Options options(int64_t memory) {
    RE2::Options o;
    o.set_encoding(RE2::Options::EncodingUTF8);
    o.set_case_sensitive(false);
    o.set_log_errors(false);
    o.set_max_mem(memory);
    return o;
}

char *copy(const std::string &s) {
    char *out = static_cast<char *>(std::malloc(s.size() + 1));
    if (out) std::memcpy(out, s.c_str(), s.size() + 1);
    return out;
}

// A byte of a literal that a pattern's matches must hold (RE2's prefilter atoms are lowercased)
// stands for itself and its ASCII upper case only when no other character is in its case-folding
// orbit or lowercases to it: "i" (U+0130 lowercases to it), "k" (U+212A) and "s" (U+017F) do
// not, nor does any byte of a non-ASCII character. Every other ASCII byte does.
bool foldsWithinASCII(unsigned char c) {
    return c < 0x80 && c != 'i' && c != 'k' && c != 's' && c != 'I' && c != 'K' && c != 'S';
}

unsigned char foldASCII(unsigned char c) { return c >= 'A' && c <= 'Z' ? c | 0x20 : c; }

bool isLetter(unsigned char c) { return (c | 0x20) >= 'a' && (c | 0x20) <= 'z'; }

// A string of bytes that every match of `pattern` holds, in ASCII case-insensitive form (lower
// case), or "" when RE2's prefilter knows none. From the atoms RE2's FilteredRE2 draws from the
// pattern: an atom is required when the pattern can no longer match once it is absent (asked
// of FilteredRE2 itself, whatever the shape of its AND/OR tree); of a required atom, each run of
// bytes that fold within ASCII (`foldsWithinASCII`) is required too, as those bytes of the text.
// The run kept is the least likely in prose (`rarer`).
bool rarer(const std::string &a, const std::string &b);

std::string requiredLiteral(const std::string &pattern) {
    re2::FilteredRE2 filter(1);
    int id = -1;
    if (filter.Add(pattern, options(patternMemory), &id) != RE2::NoError || id != 0) return "";
    std::vector<std::string> atoms;
    filter.Compile(&atoms);
    if (atoms.empty()) return "";
    std::vector<int> all, found;
    for (int a = 0; a < int(atoms.size()); a++) all.push_back(a);
    filter.AllPotentials(all, &found);
    if (found != std::vector<int>{0}) return "";
    filter.AllPotentials({}, &found);
    if (!found.empty()) return "";
    std::string best;
    for (int a = 0; a < int(atoms.size()); a++) {
        std::vector<int> others;
        for (int b = 0; b < int(atoms.size()); b++) if (b != a) others.push_back(b);
        filter.AllPotentials(others, &found);
        if (!found.empty()) continue;  // not required on its own
        const std::string &atom = atoms[size_t(a)];
        size_t i = 0;
        while (i < atom.size()) {
            while (i < atom.size() && !foldsWithinASCII((unsigned char)atom[i])) i++;
            size_t j = i;
            while (j < atom.size() && foldsWithinASCII((unsigned char)atom[j])) j++;
            if (j > i) {
                std::string run = atom.substr(i, j - i);
                for (auto &c : run) c = char(foldASCII((unsigned char)c));
                if (best.empty() || rarer(run, best)) best = run;
            }
            i = j;
        }
    }
    return best;
}

// How often a byte stands in English prose, roughly (per mille; punctuation other than , . - and
// space taken as rare): the literal's two rarest bytes are the ones compared first.
int frequency(unsigned char c) {
    static const int letters[26] = {75, 14, 30, 38, 110, 20, 18, 50, 70, 1, 6, 38, 25, 68, 70, 20, 1, 58, 60, 80, 27, 10, 18, 2, 16, 1};
    c = foldASCII(c);
    if (c >= 'a' && c <= 'z') return letters[c - 'a'];
    if (c >= '0' && c <= '9') return 5;
    if (c == ' ') return 160;
    if (c == ',' || c == '.') return 11;
    if (c == '-') return 3;
    return 1;
}

// Among the runs of `requiredLiteral`, the one least likely at a given place of prose (the product
// of its bytes' frequencies).
bool rarer(const std::string &a, const std::string &b) {
    auto likelihood = [](const std::string &s) {
        double p = 0;
        for (char c : s) p += std::log(frequency((unsigned char)c) / 1000.0);
        return p;
    };
    return likelihood(a) < likelihood(b);
}

// True when text[from..<length] holds `literal` (lower case) with its letters in either case.
// Its two rarest bytes are compared 16 start positions at a time (SSE2), then the whole literal
// at each start where both agree.
bool holds(const std::string &literal, const char *text, size_t length, size_t from) {
    size_t n = literal.size();
    if (n == 0) return true;
    if (from > length || length - from < n) return false;
    const unsigned char *t = reinterpret_cast<const unsigned char *>(text);
    const unsigned char *l = reinterpret_cast<const unsigned char *>(literal.data());
    auto matchesAt = [&](size_t start) {
        for (size_t k = 0; k < n; k++) if (foldASCII(t[start + k]) != l[k]) return false;
        return true;
    };
    size_t a = 0, b = 0;
    for (size_t k = 1; k < n; k++) if (frequency(l[k]) < frequency(l[a])) a = k;
    b = a == 0 && n > 1 ? 1 : 0;
    for (size_t k = 0; k < n; k++) if (k != a && frequency(l[k]) < frequency(l[b])) b = k;
    size_t last = length - n;  // the last start
    size_t i = from;
#if defined(__SSE2__)
    size_t far = std::max(a, b);
    if (length >= far + 16) {
        const __m128i foldA = _mm_set1_epi8(isLetter(l[a]) ? 0x20 : 0), byteA = _mm_set1_epi8(char(l[a]));
        const __m128i foldB = _mm_set1_epi8(isLetter(l[b]) ? 0x20 : 0), byteB = _mm_set1_epi8(char(l[b]));
        // starts i..<i+16 whose bytes at i+a and i+b stay inside the text
        size_t limit = length - far - 16;
        for (; i <= limit && i <= last; i += 16) {
            __m128i x = _mm_or_si128(_mm_loadu_si128(reinterpret_cast<const __m128i *>(t + i + a)), foldA);
            __m128i y = _mm_or_si128(_mm_loadu_si128(reinterpret_cast<const __m128i *>(t + i + b)), foldB);
            unsigned mask = unsigned(_mm_movemask_epi8(_mm_and_si128(_mm_cmpeq_epi8(x, byteA), _mm_cmpeq_epi8(y, byteB))));
            while (mask) {
                size_t start = i + size_t(__builtin_ctz(mask));
                if (start <= last && matchesAt(start)) return true;
                mask &= mask - 1;
            }
        }
    }
#endif
    for (; i <= last; i++) {
        if (foldASCII(t[i + a]) == l[a] && matchesAt(i)) return true;
    }
    return false;
}

}  // namespace

struct attest_regex_set {
    RE2::Set set{options(setMemory), RE2::UNANCHORED};
    std::vector<std::unique_ptr<RE2>> patterns;
    // per pattern, bytes every match holds (`requiredLiteral`), or ""
    std::vector<std::string> literals;
};

extern "C" {

char *attest_regex_check(const char *pattern, size_t length) {
    RE2 re(re2::StringPiece(pattern, length), options(patternMemory));
    if (!re.ok()) return copy(re.error());
    return nullptr;
}

void attest_regex_free_string(char *string) { std::free(string); }

attest_regex_set *attest_regex_set_create(const char *const *patterns, const size_t *lengths, int count) {
    auto s = std::make_unique<attest_regex_set>();
    for (int i = 0; i < count; i++) {
        re2::StringPiece p(patterns[i], lengths[i]);
        auto re = std::make_unique<RE2>(p, options(patternMemory));
        if (!re->ok() || s->set.Add(p, nullptr) != i) return nullptr;
        s->patterns.push_back(std::move(re));
        s->literals.push_back(requiredLiteral(std::string(patterns[i], lengths[i])));
    }
    if (!s->set.Compile()) return nullptr;
    return s.release();
}

void attest_regex_set_destroy(attest_regex_set *set) { delete set; }

int attest_regex_set_match(const attest_regex_set *set, const char *text, size_t length, int *ids) {
    re2::StringPiece t(text, length);
    // kept per thread: its storage is reused from one text to the next (Match clears it)
    thread_local std::vector<int> found;
    found.clear();
    RE2::Set::ErrorInfo error;
    if (!set->set.Match(t, &found, &error)) {
        if (error.kind == RE2::Set::kNoError) return 0;
        // the set's DFA ran out of memory on this text: each pattern on its own (RE2 falls back to
        // its NFA, linear in the text)
        found.clear();
        for (size_t i = 0; i < set->patterns.size(); i++) {
            if (set->patterns[i]->Match(t, 0, length, RE2::UNANCHORED, nullptr, 0)) found.push_back(int(i));
        }
    }
    std::sort(found.begin(), found.end());
    for (size_t i = 0; i < found.size(); i++) ids[i] = found[i];
    return int(found.size());
}

int attest_regex_find(const attest_regex_set *set, int id, const char *text, size_t length, size_t from,
                      size_t *start, size_t *end) {
    if (id < 0 || size_t(id) >= set->patterns.size() || from > length) return 0;
    // a match from `from` on lies in text[from...] and holds the pattern's required bytes: when
    // they are not there (typically after the last match), RE2 need not read to the end
    if (!holds(set->literals[size_t(id)], text, length, from)) return 0;
    return attest_regex_find_unfiltered(set, id, text, length, from, start, end);
}

int attest_regex_find_unfiltered(const attest_regex_set *set, int id, const char *text, size_t length, size_t from,
                                 size_t *start, size_t *end) {
    if (id < 0 || size_t(id) >= set->patterns.size() || from > length) return 0;
    re2::StringPiece t(text, length), m;
    if (!set->patterns[size_t(id)]->Match(t, from, length, RE2::UNANCHORED, &m, 1)) return 0;
    *start = size_t(m.data() - text);
    *end = *start + m.size();
    return 1;
}

size_t attest_regex_required_literal(const attest_regex_set *set, int id, char *out, size_t capacity) {
    if (id < 0 || size_t(id) >= set->literals.size()) return 0;
    const std::string &l = set->literals[size_t(id)];
    std::memcpy(out, l.data(), std::min(capacity, l.size()));
    return l.size();
}

}  // extern "C"
