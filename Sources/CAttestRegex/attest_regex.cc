#include "attest_regex.h"

#include <re2/re2.h>
#include <re2/set.h>

#include <algorithm>
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

}  // namespace

struct attest_regex_set {
    RE2::Set set{options(setMemory), RE2::UNANCHORED};
    std::vector<std::unique_ptr<RE2>> patterns;
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
    }
    if (!s->set.Compile()) return nullptr;
    return s.release();
}

void attest_regex_set_destroy(attest_regex_set *set) { delete set; }

int attest_regex_set_match(const attest_regex_set *set, const char *text, size_t length, int *ids) {
    re2::StringPiece t(text, length);
    std::vector<int> found;
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
    re2::StringPiece t(text, length), m;
    if (!set->patterns[size_t(id)]->Match(t, from, length, RE2::UNANCHORED, &m, 1)) return 0;
    *start = size_t(m.data() - text);
    *end = *start + m.size();
    return 1;
}

}  // extern "C"
