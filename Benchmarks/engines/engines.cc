// Which regex engine for Attest's regex rules? The same patterns over the same statements in the
// three candidates with a C API and a Debian package (see Benchmarks/README.md, "Choosing the
// regex engine"):
//   engines PATTERNS.txt STATEMENTS.txt
// PATTERNS: one pattern per line in RE2/PCRE spelling; STATEMENTS: one statement per line.
// Prints, for each way of running them, the median of 3 runs over all statements.
#include <re2/re2.h>
#include <re2/set.h>
#include <hs/hs.h>
#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <functional>
#include <memory>
#include <string>
#include <vector>

using namespace std;

static double now() { return chrono::duration<double>(chrono::steady_clock::now().time_since_epoch()).count(); }

static void report(const char *what, size_t bytes, const function<size_t()> &run) {
    vector<double> t;
    size_t count = 0;
    for (int i = 0; i < 3; i++) {
        double s = now();
        count = run();
        t.push_back(now() - s);
    }
    sort(t.begin(), t.end());
    printf("| %s | %.3f | %.0f | %zu |\n", what, t[1], bytes / 1e6 / t[1], count);
}

int main(int argc, char **argv) {
    if (argc != 3) { fprintf(stderr, "usage: engines PATTERNS.txt STATEMENTS.txt\n"); return 2; }
    vector<string> pats, lines;
    string s;
    { ifstream f(argv[1]); while (getline(f, s)) if (!s.empty()) pats.push_back(s); }
    { ifstream f(argv[2]); while (getline(f, s)) lines.push_back(s); }
    size_t bytes = 0;
    for (auto &l : lines) bytes += l.size() + 1;
    printf("%zu patterns, %zu statements, %.1f MB\n\n", pats.size(), lines.size(), bytes / 1e6);
    printf("| engine, what | seconds | MB/s | count |\n|---|---|---|---|\n");

    // RE2: one set (which patterns occur in a statement), then each pattern that occurs for its spans
    RE2::Options o;
    o.set_case_sensitive(false);
    o.set_max_mem(64 << 20);
    RE2::Set set(o, RE2::UNANCHORED);
    for (auto &p : pats) if (set.Add(p, nullptr) < 0) { fprintf(stderr, "RE2 refuses %s\n", p.c_str()); return 1; }
    set.Compile();
    vector<unique_ptr<RE2>> res;
    for (auto &p : pats) res.emplace_back(new RE2(p, o));
    auto spans = [&](int id, const string &l) {
        size_t pos = 0, k = 0;
        re2::StringPiece m;
        while (pos <= l.size() && res[id]->Match(l, pos, l.size(), RE2::UNANCHORED, &m, 1)) {
            k++;
            size_t e = m.data() - l.data() + m.size();
            pos = m.size() ? e : e + 1;
        }
        return k;
    };
    report("RE2::Set, ids (pairs)", bytes, [&] {
        size_t n = 0; vector<int> m;
        for (auto &l : lines) { m.clear(); if (set.Match(l, &m)) n += m.size(); }
        return n;
    });
    report("RE2::Set, then spans of the patterns found (spans)", bytes, [&] {
        size_t n = 0; vector<int> m;
        for (auto &l : lines) { m.clear(); if (set.Match(l, &m)) for (int id : m) n += spans(id, l); }
        return n;
    });
    report("RE2, each pattern alone, spans", bytes, [&] {
        size_t n = 0;
        for (auto &l : lines) for (size_t id = 0; id < res.size(); id++) n += spans(int(id), l);
        return n;
    });

    // Hyperscan: one database; UTF-8 mode (its UCP mode has no \b)
    for (int som = 0; som < 2; som++) {
        vector<const char *> ps;
        vector<unsigned> fl, ids;
        for (size_t i = 0; i < pats.size(); i++) {
            ps.push_back(pats[i].c_str());
            fl.push_back(HS_FLAG_CASELESS | HS_FLAG_UTF8 | (som ? HS_FLAG_SOM_LEFTMOST : HS_FLAG_SINGLEMATCH));
            ids.push_back(unsigned(i));
        }
        hs_database_t *db;
        hs_compile_error_t *ce;
        if (hs_compile_multi(ps.data(), fl.data(), ids.data(), unsigned(ps.size()), HS_MODE_BLOCK, nullptr, &db, &ce) != HS_SUCCESS) {
            printf("| Hyperscan %s | refused: %s (pattern %d) | | |\n", som ? "SOM" : "ids", ce->message, ce->expression);
            continue;
        }
        hs_scratch_t *sc = nullptr;
        hs_alloc_scratch(db, &sc);
        report(som ? "Hyperscan, every match with its leftmost start (callbacks)" : "Hyperscan, ids (pairs)", bytes, [&] {
            size_t n = 0;
            for (auto &l : lines)
                hs_scan(db, l.data(), unsigned(l.size()), 0, sc,
                        [](unsigned, unsigned long long, unsigned long long, unsigned, void *c) -> int { (*(size_t *)c)++; return 0; }, &n);
            return n;
        });
        hs_free_scratch(sc);
        hs_free_database(db);
    }

    // PCRE2 with JIT: one pattern at a time (UTF, UCP: \s, \w, \b Unicode)
    vector<pcre2_code *> cs;
    for (auto &p : pats) {
        int e;
        PCRE2_SIZE off;
        auto c = pcre2_compile((PCRE2_SPTR)p.c_str(), p.size(), PCRE2_CASELESS | PCRE2_UTF | PCRE2_UCP, &e, &off, nullptr);
        if (!c) { fprintf(stderr, "PCRE2 refuses %s\n", p.c_str()); return 1; }
        pcre2_jit_compile(c, PCRE2_JIT_COMPLETE);
        cs.push_back(c);
    }
    auto md = pcre2_match_data_create(4, nullptr);
    report("PCRE2 JIT, each pattern alone, spans", bytes, [&] {
        size_t n = 0;
        for (auto &l : lines)
            for (auto c : cs) {
                size_t pos = 0;
                while (pos <= l.size() && pcre2_match(c, (PCRE2_SPTR)l.data(), l.size(), pos, pos ? PCRE2_NO_UTF_CHECK : 0, md, nullptr) >= 0) {
                    auto ov = pcre2_get_ovector_pointer(md);
                    n++;
                    pos = ov[1] > ov[0] ? ov[1] : ov[1] + 1;
                }
            }
        return n;
    });
}
