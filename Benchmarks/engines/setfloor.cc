// What one pass of RE2::Set costs, and whether it depends on the patterns (see
// Benchmarks/README.md, "The floor of a set pass"):
//   setfloor PATTERNS.txt STATEMENTS.txt
// PATTERNS: one pattern per line in RE2 spelling (as Attest hands them to RE2: `\s` written out
// as its class); STATEMENTS: one statement per line. Compiles the patterns as Attest does (UTF-8,
// case-insensitive, 64 MiB for the set) and, for comparison, sets of one pattern that never
// matches in prose, then asks each set which of its patterns occur in every statement. Prints,
// for each set, the median of 5 runs over all statements, in one run of the program. With a third
// argument (1-4), only that set is measured: under callgrind,
//   valgrind --tool=callgrind --toggle-collect='passes*' setfloor PATTERNS STATEMENTS N
// counts the instructions of its 5 runs alone (the set's compilation and a first run, which builds
// the DFA's states, are left out).
#include <re2/re2.h>
#include <re2/set.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <string>
#include <vector>

using namespace std;

// Five passes of `set` over every line, timed one by one; returns the pairs of the last.
__attribute__((noinline)) size_t passes(const RE2::Set &set, const vector<string> &lines, vector<double> &t) {
    vector<int> found;
    size_t pairs = 0;
    for (int run = 0; run < 5; run++) {
        pairs = 0;
        auto start = chrono::steady_clock::now();
        for (auto &l : lines) {
            found.clear();
            set.Match(l, &found);
            pairs += found.size();
        }
        t.push_back(chrono::duration<double>(chrono::steady_clock::now() - start).count());
    }
    return pairs;
}

int main(int argc, char **argv) {
    if (argc != 3 && argc != 4) { fprintf(stderr, "usage: setfloor PATTERNS.txt STATEMENTS.txt [1-4]\n"); return 2; }
    int only = argc == 4 ? atoi(argv[3]) : 0, number = 0;
    vector<string> pats, lines;
    string s;
    { ifstream f(argv[1]); while (getline(f, s)) if (!s.empty()) pats.push_back(s); }
    { ifstream f(argv[2]); while (getline(f, s)) lines.push_back(s); }
    size_t bytes = 0;
    for (auto &l : lines) bytes += l.size();
    printf("%zu patterns, %zu statements, %.1f MB of text\n\n", pats.size(), lines.size(), bytes / 1e6);
    printf("| set | seconds | MB/s | (statement, pattern) pairs |\n|---|---|---|---|\n");
    RE2::Options o;
    o.set_encoding(RE2::Options::EncodingUTF8);
    o.set_case_sensitive(false);
    o.set_log_errors(false);
    o.set_max_mem(64 << 20);
    auto measure = [&](const char *what, const vector<string> &patterns) {
        if (only && ++number != only) return;
        RE2::Set set(o, RE2::UNANCHORED);
        for (auto &p : patterns) if (set.Add(p, nullptr) < 0) { fprintf(stderr, "RE2 refuses %s\n", p.c_str()); exit(1); }
        set.Compile();
        vector<int> found;
        for (auto &l : lines) { found.clear(); set.Match(l, &found); }  // the DFA's states, built once
        vector<double> t;
        size_t pairs = passes(set, lines, t);
        sort(t.begin(), t.end());
        printf("| %s | %.3f | %.0f | %zu |\n", what, t[2], bytes / 1e6 / t[2], pairs);
    };
    measure("the patterns given", pats);
    measure("one literal, `zqxjv` (matches nothing)", {"zqxjv"});
    measure("one class, `\\bq[0-9]{7}\\b` (matches nothing)", {"\\bq[0-9]{7}\\b"});
    measure("the patterns given, twice over (each with `(?:...)zqxjv` too)", [&] {
        vector<string> v = pats;
        for (auto &p : pats) v.push_back("(?:" + p + ")zqxjv");
        return v;
    }());
}
