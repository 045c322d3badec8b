#include "attest_regex.h"
#include "prefilter.h"

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

constexpr size_t none = size_t(-1);

// Where text[from..<length] first holds `literal` (lower case, not empty) with its letters in
// either case, or `none`. Its two rarest bytes are compared 16 start positions at a time (SSE2),
// then the whole literal at each start where both agree.
size_t firstPlace(const std::string &literal, const char *text, size_t length, size_t from) {
    size_t n = literal.size();
    if (from > length || length - from < n) return none;
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
                if (start <= last && matchesAt(start)) return start;
                mask &= mask - 1;
            }
        }
    }
#endif
    for (; i <= last; i++) {
        if (foldASCII(t[i + a]) == l[a] && matchesAt(i)) return i;
    }
    return none;
}

// True when text[from..<length] holds `literal` (lower case) with its letters in either case.
bool holds(const std::string &literal, const char *text, size_t length, size_t from) {
    return literal.empty() || firstPlace(literal, text, length, from) != none;
}

// Where text[from..<length] first holds an ASCII digit, or `none` (16 bytes at a time with SSE2).
size_t firstDigit(const char *text, size_t length, size_t from) {
    const unsigned char *t = reinterpret_cast<const unsigned char *>(text);
    size_t i = from;
#if defined(__SSE2__)
    const __m128i zero = _mm_set1_epi8('0'), nine = _mm_set1_epi8(9);
    for (; i + 16 <= length; i += 16) {
        // x - '0' (wrapping) is at most 9 exactly for the digits
        __m128i d = _mm_sub_epi8(_mm_loadu_si128(reinterpret_cast<const __m128i *>(t + i)), zero);
        unsigned mask = unsigned(_mm_movemask_epi8(_mm_cmpeq_epi8(_mm_min_epu8(d, nine), d)));
        if (mask) return i + size_t(__builtin_ctz(mask));
    }
#endif
    for (; i < length; i++) if (t[i] >= '0' && t[i] <= '9') return i;
    return none;
}

// A place that every match of a pattern holds near its start: `literal` (bytes that fold within
// ASCII, lower case) or, when `digit`, an ASCII digit, at most `offset` bytes after the match's
// start. A match from `from` on then starts no earlier than the first such place at or after
// `from`, minus `offset`: the search for it can begin there instead of at `from`.
struct Anchor {
    bool found = false;
    bool digit = false;
    std::string literal;
    size_t offset = 0;
};

// The anchor of `pattern` (as RE2 reads it), drawn from the items of its top level before the
// first group, `\Q`, or item of unbounded length; none when the top level has an alternative
// (`|`). Each item before the anchor counts as 4 bytes per repeat (a character is at most 4 bytes
// of UTF-8), a character that folds within ASCII as 1, `\b`, `\B`, `\A`, `\z`, `^` and `$` as
// none. The anchor is a run of unrepeated
// literal characters that fold within ASCII (`foldsWithinASCII`; `\` before ASCII punctuation
// included), or `\d` / `[0-9]` repeated at least once; of several, the least likely in prose.
// Whatever the walk does not know for sure ends it, so that an offset is never too small.
Anchor anchorOf(const std::string &p) {
    Anchor none;
    const size_t n = p.size();
    auto isDigit = [](char c) { return c >= '0' && c <= '9'; };
    // the length of the UTF-8 character at i
    auto charLength = [&](size_t i) {
        unsigned char c = (unsigned char)p[i];
        size_t w = c < 0x80 ? 1 : c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : 2;
        return std::min(w, n - i);
    };
    // the end of the escape at i (a backslash)
    auto escapeEnd = [&](size_t i) {
        if (i + 1 >= n) return n;
        char e = p[i + 1];
        if ((e == 'x' || e == 'p' || e == 'P') && i + 2 < n && p[i + 2] == '{') {
            size_t k = p.find('}', i + 3);
            return k == std::string::npos ? n : k + 1;
        }
        if (e == 'x') return std::min(n, i + 4);
        if (e == 'p' || e == 'P') return std::min(n, i + 3);
        if (e >= '0' && e <= '7') {
            size_t k = i + 2;
            while (k < n && k < i + 4 && p[k] >= '0' && p[k] <= '7') k++;
            return k;
        }
        return i + 1 + charLength(i + 1);
    };
    // the end of the class starting at i ('[')
    auto classEnd = [&](size_t i) {
        size_t k = i + 1;
        if (k < n && p[k] == '^') k++;
        if (k < n && p[k] == ']') k++;
        while (k < n && p[k] != ']') {
            if (p[k] == '\\') k = escapeEnd(k);
            else if (p[k] == '[' && k + 1 < n && p[k + 1] == ':') {
                size_t e = p.find(":]", k + 2);
                k = e == std::string::npos ? n : e + 2;
            } else k += charLength(k);
        }
        return std::min(n, k + 1);
    };
    // a repeat at i: {n}, {n,} or {n,m}, by RE2's reading (anything else is a literal brace)
    auto repeatAt = [&](size_t i, size_t &end, long &lo, long &hi) {
        if (i >= n || p[i] != '{') return false;
        size_t k = i + 1;
        if (k >= n || !isDigit(p[k])) return false;
        lo = 0;
        while (k < n && isDigit(p[k])) { lo = std::min(lo * 10 + (p[k] - '0'), 100000L); k++; }
        hi = lo;
        if (k < n && p[k] == ',') {
            k++;
            if (k < n && isDigit(p[k])) {
                hi = 0;
                while (k < n && isDigit(p[k])) { hi = std::min(hi * 10 + (p[k] - '0'), 100000L); k++; }
            } else hi = -1;  // unbounded
        }
        if (k >= n || p[k] != '}') return false;
        end = k + 1;
        return true;
    };

    // first: no alternative at the top level (outside groups, classes and \Q...\E)
    {
        int depth = 0;
        size_t i = 0;
        while (i < n) {
            char c = p[i];
            if (c == '\\') {
                if (i + 1 < n && p[i + 1] == 'Q') {
                    size_t e = p.find("\\E", i + 2);
                    i = e == std::string::npos ? n : e + 2;
                } else i = escapeEnd(i);
            } else if (c == '[') i = classEnd(i);
            else {
                if (c == '(') depth++;
                else if (c == ')') depth--;
                else if (c == '|' && depth <= 0) return none;
                i += charLength(i);
            }
        }
    }

    struct Candidate { std::string literal; bool digit; size_t offset; };
    std::vector<Candidate> candidates;
    std::string run;
    size_t runOffset = 0;
    size_t offset = 0;  // the most bytes a match holds before the item
    auto endRun = [&]() {
        if (!run.empty()) candidates.push_back({run, false, runOffset});
        run.clear();
    };
    size_t i = 0;
    bool unbounded = false;
    while (i < n && !unbounded) {
        char c = p[i];
        size_t width = 4;      // the most bytes of one repeat of the item
        char literal = 0;      // the item is this character, which folds within ASCII
        bool digit = false;    // the item is \d or [0-9]
        size_t end;
        if (c == '(' || c == ')' || c == '|') break;
        if (c == '\\') {
            if (i + 1 >= n) break;
            char e = p[i + 1];
            if (e == 'Q') break;
            end = escapeEnd(i);
            if (e == 'b' || e == 'B' || e == 'A' || e == 'z') width = 0;
            else if (e == 'd') digit = true;
            else if (std::strchr(".()[]{}*+?^$|\\/-", e) && e != 0) literal = e;
        } else if (c == '[') {
            end = classEnd(i);
            digit = p.compare(i, end - i, "[0-9]") == 0;
        } else if (c == '^' || c == '$') {
            width = 0;
            end = i + 1;
        } else if (c == '*' || c == '+' || c == '?' || c == '{') {
            break;  // a repeat of nothing, or a literal brace: not walked
        } else {
            end = i + charLength(i);
            if (end == i + 1 && c != '.' && foldsWithinASCII((unsigned char)c)) literal = char(foldASCII((unsigned char)c));
        }
        // a character that folds within ASCII matches one byte
        if (literal) width = 1;
        // the item's repeat
        long lo = 1, hi = 1;
        size_t after = end;
        if (after < n && (p[after] == '*' || p[after] == '+' || p[after] == '?')) {
            lo = p[after] == '+' ? 1 : 0;
            hi = p[after] == '?' ? 1 : -1;
            after++;
        } else if (after < n && p[after] == '{') {
            if (!repeatAt(after, after, lo, hi)) {
                // a literal brace follows: ends the walk after this item
                hi = -1;
            }
        }
        if (after < n && p[after] == '?') after++;  // lazy
        bool repeated = after != end;
        if (literal && !repeated) {
            if (run.empty()) runOffset = offset;
            run.push_back(literal);
        } else {
            endRun();
            if (digit && lo >= 1) candidates.push_back({"", true, offset});
        }
        if (hi < 0) { unbounded = true; break; }
        offset += width * size_t(hi);
        i = after;
    }
    endRun();
    if (candidates.empty()) return none;
    // the least likely: a digit taken as 2 % of prose
    auto likelihood = [](const Candidate &k) {
        if (k.digit) return std::log(0.02);
        double p = 0;
        for (char ch : k.literal) p += std::log(frequency((unsigned char)ch) / 1000.0);
        return p;
    };
    size_t best = 0;
    for (size_t k = 1; k < candidates.size(); k++) if (likelihood(candidates[k]) < likelihood(candidates[best])) best = k;
    Anchor a;
    a.found = true;
    a.digit = candidates[best].digit;
    a.literal = candidates[best].literal;
    a.offset = candidates[best].offset;
    return a;
}

}  // namespace

struct attest_regex_set {
    RE2::Set set{options(setMemory), RE2::UNANCHORED};
    std::vector<std::unique_ptr<RE2>> patterns;
    // per pattern, bytes every match holds (`requiredLiteral`), or ""
    std::vector<std::string> literals;
    // per pattern, where its matches start at the earliest (`anchorOf`)
    std::vector<Anchor> anchors;
    // the automaton that answers for the set in one pass (nullptr: RE2's set answers)
    std::unique_ptr<attest::Prefilter> prefilter;
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
        s->anchors.push_back(anchorOf(std::string(patterns[i], lengths[i])));
    }
    if (!s->set.Compile()) return nullptr;
    std::vector<std::string> all;
    for (int i = 0; i < count; i++) all.emplace_back(patterns[i], lengths[i]);
    s->prefilter = attest::Prefilter::build(all);
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

int attest_regex_set_candidates(const attest_regex_set *set, const char *text, size_t length, int *ids, size_t *firsts, size_t *ends) {
    if (set->prefilter) {
        thread_local std::vector<attest::Prefilter::Candidate> found;
        if (set->prefilter->scan(reinterpret_cast<const unsigned char *>(text), length, found)) {
            for (size_t i = 0; i < found.size(); i++) {
                ids[i] = found[i].id;
                firsts[i] = found[i].firstEnd;
                ends[i] = found[i].lastEnd;
            }
            return int(found.size());
        }
        // the automaton reached its limit of states on this text: RE2's set answers
    }
    int n = attest_regex_set_match(set, text, length, ids);
    for (int i = 0; i < n; i++) {
        firsts[i] = 0;
        ends[i] = length;
    }
    return n;
}

int attest_regex_set_has_automaton(const attest_regex_set *set) { return set->prefilter ? 1 : 0; }

int attest_regex_set_automaton_states(const attest_regex_set *set) { return set->prefilter ? set->prefilter->states() : 0; }

int attest_regex_find_between(const attest_regex_set *set, int id, const char *text, size_t length, size_t from,
                              size_t firstEnd, size_t lastEnd, size_t *start, size_t *end) {
    if (id < 0 || size_t(id) >= set->patterns.size() || from > length) return 0;
    // a match from `from` on ends at `from` or after it, and at `lastEnd` or before it: none when
    // `from` is past `lastEnd`, and only an empty one when they are equal
    if (from > lastEnd) return 0;
    if (set->prefilter) {
        if (from == lastEnd && !set->prefilter->matchesEmpty(id)) return 0;
        // nor does one start before the run of bytes it can hold that ends at `firstEnd` (most
        // often the first search: RE2 need not read the text before it)
        if (firstEnd <= lastEnd && lastEnd <= length)
            from = set->prefilter->earliestStart(id, reinterpret_cast<const unsigned char *>(text), from, firstEnd);
    }
    return attest_regex_find(set, id, text, length, from, start, end);
}

int attest_regex_find(const attest_regex_set *set, int id, const char *text, size_t length, size_t from,
                      size_t *start, size_t *end) {
    if (id < 0 || size_t(id) >= set->patterns.size() || from > length) return 0;
    // a match from `from` on lies in text[from...] and holds the pattern's required bytes: when
    // they are not there (typically after the last match), RE2 need not read to the end
    if (!holds(set->literals[size_t(id)], text, length, from)) return 0;
    // nor does one start before the pattern's anchor's first place, less its offset: RE2 need not
    // read the text before it
    const Anchor &a = set->anchors[size_t(id)];
    if (a.found) {
        size_t place = a.digit ? firstDigit(text, length, from) : firstPlace(a.literal, text, length, from);
        if (place == none) return 0;
        if (place - from > a.offset) from = place - a.offset;
    }
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

extern "C" int attest_regex_anchor(const attest_regex_set *set, int id, char *out, size_t capacity, size_t *length, size_t *offset) {
    if (id < 0 || size_t(id) >= set->anchors.size() || !set->anchors[size_t(id)].found) return 0;
    const Anchor &a = set->anchors[size_t(id)];
    std::memcpy(out, a.literal.data(), std::min(capacity, a.literal.size()));
    *length = a.literal.size();
    *offset = a.offset;
    return a.digit ? 2 : 1;
}
