#include "prefilter.h"

#include <algorithm>
#include <atomic>
#include <cstring>

namespace attest {

namespace {

// A pattern as the automaton reads it: a looser language than RE2's (every string RE2 matches
// is in it). Case is always folded, and every non-ASCII character stands for any non-ASCII
// character; `\b`, `\B`, `^`, `$`, `\A` and `\z` always hold; `.` is any character, and so is a
// Unicode property other than separators, letters and numbers (`property`); a repeat of more than
// 16 is a repeat without bound.
struct Node {
    enum Kind { Chars, AnyByte, Empty, Concat, Alt, Repeat } kind = Empty;
    std::bitset<128> ascii;  // Chars: the ASCII characters
    bool nonASCII = false;   // Chars: any non-ASCII character too
    std::vector<std::unique_ptr<Node>> kids;
    int min = 0, max = 0;  // Repeat; max -1: no bound
};

using NodeP = std::unique_ptr<Node>;

constexpr int repeatLimit = 16;

NodeP make(Node::Kind k) {
    auto n = std::make_unique<Node>();
    n->kind = k;
    return n;
}

bool isLetter(int c) { return (c | 0x20) >= 'a' && (c | 0x20) <= 'z'; }

// The characters of a class as RE2 reads them case-insensitively, at least: each ASCII letter with
// its other case; k and s with the Kelvin sign and the long s (the two non-ASCII characters whose
// case folds into ASCII: U+212A, U+017F), which are non-ASCII.
void fold(Node &n) {
    for (int c = 'a'; c <= 'z'; c++) {
        if (n.ascii[size_t(c)] || n.ascii[size_t(c - 0x20)]) {
            n.ascii.set(size_t(c));
            n.ascii.set(size_t(c - 0x20));
        }
    }
    if (n.ascii['k'] || n.ascii['s']) n.nonASCII = true;
}

struct Parser {
    const std::string &p;
    size_t i = 0;
    bool failed = false;

    explicit Parser(const std::string &pattern) : p(pattern) {}

    bool more() const { return i < p.size(); }
    int peek() const { return more() ? (unsigned char)p[i] : -1; }

    // the code point at i (UTF-8), advancing past it
    int codePoint() {
        unsigned char c = (unsigned char)p[i++];
        if (c < 0x80) return c;
        int n = c >= 0xF0 ? 3 : c >= 0xE0 ? 2 : 1;
        int v = c & (0x3F >> n);
        for (int k = 0; k < n && more(); k++) v = v << 6 | ((unsigned char)p[i++] & 0x3F);
        return v;
    }

    static void addPoint(Node &n, int c) { addRange(n, c, c); }

    static void addRange(Node &n, int lo, int hi) {
        for (int c = lo; c <= std::min(hi, 0x7F); c++) n.ascii.set(size_t(c));
        if (hi >= 0x80) {
            n.nonASCII = true;
            if (lo <= 0x212A && 0x212A <= hi) { n.ascii.set('k'); n.ascii.set('K'); }
            if (lo <= 0x17F && 0x17F <= hi) { n.ascii.set('s'); n.ascii.set('S'); }
        }
    }

    static NodeP chars(int c) {
        auto n = make(Node::Chars);
        addPoint(*n, c);
        fold(*n);
        return n;
    }

    // `\p{name}` / `\pN` (`negated`: `\P`) into `n`: the ASCII members of the properties known
    // here (white space and separators, letters, numbers), any non-ASCII character; any
    // character for the others and for a complement
    void property(Node &n, bool negated) {
        std::string name;
        if (peek() == '{') {
            size_t close = p.find('}', i);
            if (close == std::string::npos) { fail(); return; }
            name = p.substr(i + 1, close - i - 1);
            i = close + 1;
        } else if (more()) name = std::string(1, p[i++]);
        n.nonASCII = true;
        if (!negated && (name == "Z" || name == "Zs")) n.ascii.set(' ');
        else if (!negated && (name == "Zl" || name == "Zp")) {}
        else if (!negated && (name == "N" || name == "Nd")) { for (int c = '0'; c <= '9'; c++) n.ascii.set(size_t(c)); }
        else if (!negated && (name == "L" || name == "Lu" || name == "Ll")) {
            for (int c = 'a'; c <= 'z'; c++) { n.ascii.set(size_t(c)); n.ascii.set(size_t(c - 0x20)); }
        } else n.ascii.set();
    }

    static NodeP anyChar() {
        auto n = make(Node::Chars);
        n->ascii.set();
        n->nonASCII = true;
        return n;
    }

    // \d \w \s (lower case) or their complements (upper case) into `n`
    static void perl(Node &n, int e) {
        std::bitset<128> s;
        int lower = e | 0x20;
        if (lower == 'd' || lower == 'w') for (int c = '0'; c <= '9'; c++) s.set(size_t(c));
        if (lower == 'w') {
            for (int c = 'a'; c <= 'z'; c++) { s.set(size_t(c)); s.set(size_t(c - 0x20)); }
            s.set('_');
        }
        if (lower == 's') for (int c : {'\t', '\n', '\f', '\r', ' '}) s.set(size_t(c));
        if (e == lower) n.ascii |= s;
        else {
            n.ascii |= ~s;
            n.nonASCII = true;
        }
    }

    // the code point of an escape that stands for one character (after the backslash), or -1
    int escapedPoint() {
        int e = peek();
        if (e == 'x') {
            i++;
            int v = 0;
            if (peek() == '{') {
                i++;
                while (more() && peek() != '}') v = v * 16 + hex(p[i++]);
                if (peek() != '}') return fail();
                i++;
            } else {
                for (int k = 0; k < 2 && more(); k++) v = v * 16 + hex(p[i++]);
            }
            return v;
        }
        if (e >= '0' && e <= '7') {
            int v = 0;
            for (int k = 0; k < 3 && peek() >= '0' && peek() <= '7'; k++) v = v * 8 + (p[i++] - '0');
            return v;
        }
        const char *controls = "n\nt\tr\rf\fv\va\a";
        for (const char *c = controls; *c; c += 2) {
            if (e == c[0]) { i++; return (unsigned char)c[1]; }
        }
        if (e >= 0 && e < 0x80 && !isLetter(e) && !(e >= '0' && e <= '9')) { i++; return e; }
        return fail();
    }

    static int hex(char c) {
        if (c >= '0' && c <= '9') return c - '0';
        if ((c | 0x20) >= 'a' && (c | 0x20) <= 'f') return (c | 0x20) - 'a' + 10;
        return 0;
    }

    int fail() {
        failed = true;
        i = p.size();
        return -1;
    }

    NodeP alternation() {
        auto first = concatenation();
        if (peek() != '|') return first;
        auto alt = make(Node::Alt);
        alt->kids.push_back(std::move(first));
        while (peek() == '|') {
            i++;
            alt->kids.push_back(concatenation());
        }
        return alt;
    }

    NodeP concatenation() {
        auto cat = make(Node::Concat);
        while (more() && peek() != '|' && peek() != ')') cat->kids.push_back(repeat());
        return cat;
    }

    // a repeat at i: {n}, {n,} or {n,m} (anything else is a literal brace)
    bool braces(int &lo, int &hi) {
        size_t k = i + 1;
        auto number = [&](int &v) {
            size_t from = k;
            v = 0;
            while (k < p.size() && p[k] >= '0' && p[k] <= '9') { v = std::min(v * 10 + (p[k] - '0'), 100000); k++; }
            return k > from;
        };
        if (!number(lo)) return false;
        hi = lo;
        if (k < p.size() && p[k] == ',') {
            k++;
            if (!number(hi)) hi = -1;
        }
        if (k >= p.size() || p[k] != '}') return false;
        i = k + 1;
        return true;
    }

    NodeP repeat() {
        auto atom = this->atom();
        while (more()) {
            int c = peek(), lo, hi;
            if (c == '*') { lo = 0; hi = -1; i++; }
            else if (c == '+') { lo = 1; hi = -1; i++; }
            else if (c == '?') { lo = 0; hi = 1; i++; }
            else if (c == '{' && braces(lo, hi)) {}
            else break;
            if (peek() == '?') i++;  // lazy: the same strings
            auto r = make(Node::Repeat);
            if (hi > repeatLimit || hi < 0) { hi = -1; lo = std::min(lo, repeatLimit); }
            r->min = lo;
            r->max = hi;
            r->kids.push_back(std::move(atom));
            atom = std::move(r);
        }
        return atom;
    }

    NodeP atom() {
        int c = peek();
        if (c == '(') {
            i++;
            if (peek() == '?') {
                i++;
                if (peek() == 'P' || peek() == '<') {
                    size_t close = p.find('>', i);
                    if (close == std::string::npos) { fail(); return make(Node::Empty); }
                    i = close + 1;
                } else {
                    // flags: read case-insensitively and with `.` as any character always
                    while (more() && std::strchr("imsU-", p[i])) i++;
                    if (peek() == ')') { i++; return make(Node::Empty); }
                    if (peek() != ':') { fail(); return make(Node::Empty); }
                    i++;
                }
            }
            auto inner = alternation();
            if (peek() != ')') { fail(); return make(Node::Empty); }
            i++;
            return inner;
        }
        if (c == '[') return charClass();
        if (c == '.') { i++; return anyChar(); }
        if (c == '^' || c == '$') { i++; return make(Node::Empty); }
        if (c == '*' || c == '+' || c == '?') { fail(); return make(Node::Empty); }
        if (c == '\\') {
            int e = i + 1 < p.size() ? (unsigned char)p[i + 1] : -1;
            if (e >= 0 && std::strchr("bBAz", e)) { i += 2; return make(Node::Empty); }
            if (e == 'C') { i += 2; return make(Node::AnyByte); }
            if (e == 'Q') {
                i += 2;
                auto cat = make(Node::Concat);
                while (more() && p.compare(i, 2, "\\E") != 0) cat->kids.push_back(chars(codePoint()));
                if (more()) i += 2;
                return cat;
            }
            // an escape for a class (\d, \pN …) or for one character, as in a class
            auto n = make(Node::Chars);
            int v = classPoint(*n);
            if (failed) return make(Node::Empty);
            if (v >= 0) addPoint(*n, v);
            fold(*n);
            return n;
        }
        return chars(codePoint());
    }

    // one character of a class (a literal or an escape for one character), or -1 after adding a
    // class escape (\d, \pN …) to `n`
    int classPoint(Node &n) {
        if (peek() != '\\') return codePoint();
        i++;
        int e = peek();
        if (e < 0) return fail();
        if (std::strchr("dDwWsS", e)) { i++; perl(n, e); return -1; }
        if (e == 'p' || e == 'P') {
            i++;
            property(n, e == 'P');
            return -1;
        }
        return escapedPoint();
    }

    NodeP charClass() {
        i++;  // '['
        auto n = make(Node::Chars);
        bool negated = false;
        if (peek() == '^') { negated = true; i++; }
        bool first = true;
        while (more() && (peek() != ']' || first)) {
            first = false;
            if (p.compare(i, 2, "[:") == 0) {
                size_t close = p.find(":]", i + 2);
                if (close == std::string::npos) { fail(); break; }
                std::string name = p.substr(i + 2, close - i - 2);
                i = close + 2;
                bool complement = !name.empty() && name[0] == '^';
                if (complement) name.erase(0, 1);
                Node named;
                if (!posix(named, name)) { fail(); break; }
                if (complement) { named.ascii = ~named.ascii; named.nonASCII = true; }
                n->ascii |= named.ascii;
                n->nonASCII = n->nonASCII || named.nonASCII;
                continue;
            }
            int lo = classPoint(*n);
            if (failed) break;
            if (lo < 0) continue;
            if (peek() == '-' && i + 1 < p.size() && p[i + 1] != ']') {
                i++;
                int hi = classPoint(*n);
                if (failed || hi < 0) { fail(); break; }
                addRange(*n, lo, hi);
            } else addPoint(*n, lo);
        }
        if (peek() != ']') { fail(); return make(Node::Empty); }
        i++;
        if (negated) {
            // the complement of the class before folding, then folded: at least what RE2 takes,
            // whether it folds before or after complementing
            n->ascii = ~n->ascii;
            n->nonASCII = true;
        }
        fold(*n);
        return n;
    }

    static bool posix(Node &n, const std::string &name) {
        auto range = [&](int lo, int hi) { for (int c = lo; c <= hi; c++) n.ascii.set(size_t(c)); };
        if (name == "alnum") { range('0', '9'); range('A', 'Z'); range('a', 'z'); }
        else if (name == "alpha") { range('A', 'Z'); range('a', 'z'); }
        else if (name == "ascii") range(0, 0x7F);
        else if (name == "blank") { n.ascii.set(' '); n.ascii.set('\t'); }
        else if (name == "cntrl") { range(0, 0x1F); n.ascii.set(0x7F); }
        else if (name == "digit") range('0', '9');
        else if (name == "graph") range('!', '~');
        else if (name == "lower") range('a', 'z');
        else if (name == "print") range(' ', '~');
        else if (name == "punct") { range('!', '/'); range(':', '@'); range('[', '`'); range('{', '~'); }
        else if (name == "space") { range('\t', '\r'); n.ascii.set(' '); }
        else if (name == "upper") range('A', 'Z');
        else if (name == "word") { range('0', '9'); range('A', 'Z'); range('a', 'z'); n.ascii.set('_'); }
        else if (name == "xdigit") { range('0', '9'); range('A', 'F'); range('a', 'f'); }
        else return false;
        return true;
    }
};

}  // namespace

// Thompson's construction over bytes: a non-ASCII character is a lead byte and its continuation
// bytes.
struct PrefilterBuilder {
    Prefilter &f;
    std::map<std::bitset<256>, int, bool (*)(const std::bitset<256> &, const std::bitset<256> &)> setIDs{
        [](const std::bitset<256> &a, const std::bitset<256> &b) { return a.to_string() < b.to_string(); }};

    struct Frag {
        int start;
        std::vector<std::pair<int, int>> outs;  // (state, 0: out, 1: out1)
    };

    int set(const std::bitset<256> &s) {
        auto it = setIDs.find(s);
        if (it != setIDs.end()) return it->second;
        int id = int(f.sets_.size());
        f.sets_.push_back(s);
        setIDs.emplace(s, id);
        return id;
    }

    int add(Prefilter::NState s) {
        f.nfa_.push_back(s);
        return int(f.nfa_.size()) - 1;
    }

    void patch(const std::vector<std::pair<int, int>> &outs, int to) {
        for (auto &o : outs) (o.second ? f.nfa_[size_t(o.first)].out1 : f.nfa_[size_t(o.first)].out) = to;
    }

    int byteState(const std::bitset<256> &s) {
        Prefilter::NState n{Prefilter::NState::Byte};
        n.set = set(s);
        return add(n);
    }

    Frag epsilon() {
        int s = add({Prefilter::NState::Split});
        return {s, {{s, 0}}};
    }

    Frag compile(const Node &n) {
        switch (n.kind) {
        case Node::Empty: return epsilon();
        case Node::AnyByte: {
            std::bitset<256> all;
            all.set();
            int s = byteState(all);
            return {s, {{s, 0}}};
        }
        case Node::Chars: {
            std::bitset<256> ascii;
            for (size_t c = 0; c < 128; c++) ascii[c] = n.ascii[c];
            Frag a{-1, {}}, u{-1, {}};
            if (ascii.any() || !n.nonASCII) {
                int s = byteState(ascii);
                a = {s, {{s, 0}}};
            }
            if (n.nonASCII) {
                std::bitset<256> lead, cont;
                for (size_t c = 0xC0; c < 256; c++) lead.set(c);
                for (size_t c = 0x80; c < 0xC0; c++) cont.set(c);
                int l = byteState(lead);
                int loop = add({Prefilter::NState::Split});
                int c = byteState(cont);
                f.nfa_[size_t(l)].out = loop;
                f.nfa_[size_t(loop)].out = c;
                f.nfa_[size_t(c)].out = loop;
                u = {l, {{loop, 1}}};
            }
            if (a.start < 0) return u;
            if (u.start < 0) return a;
            int s = add({Prefilter::NState::Split});
            f.nfa_[size_t(s)].out = a.start;
            f.nfa_[size_t(s)].out1 = u.start;
            a.outs.insert(a.outs.end(), u.outs.begin(), u.outs.end());
            return {s, a.outs};
        }
        case Node::Concat: {
            if (n.kids.empty()) return epsilon();
            Frag first = compile(*n.kids[0]);
            std::vector<std::pair<int, int>> outs = first.outs;
            for (size_t k = 1; k < n.kids.size(); k++) {
                Frag next = compile(*n.kids[k]);
                patch(outs, next.start);
                outs = next.outs;
            }
            return {first.start, outs};
        }
        case Node::Alt: {
            Frag result = compile(*n.kids[0]);
            for (size_t k = 1; k < n.kids.size(); k++) {
                Frag next = compile(*n.kids[k]);
                int s = add({Prefilter::NState::Split});
                f.nfa_[size_t(s)].out = result.start;
                f.nfa_[size_t(s)].out1 = next.start;
                result.start = s;
                result.outs.insert(result.outs.end(), next.outs.begin(), next.outs.end());
            }
            return result;
        }
        case Node::Repeat: {
            const Node &x = *n.kids[0];
            Frag result = epsilon();
            auto append = [&](Frag next) {
                patch(result.outs, next.start);
                result.outs = next.outs;
            };
            for (int k = 0; k < n.min; k++) append(compile(x));
            if (n.max < 0) {
                // x*: a split that enters x or leaves, x returning to it
                int loop = add({Prefilter::NState::Split});
                Frag body = compile(x);
                f.nfa_[size_t(loop)].out = body.start;
                patch(body.outs, loop);
                append({loop, {{loop, 1}}});
            } else {
                for (int k = n.min; k < n.max; k++) {
                    int s = add({Prefilter::NState::Split});
                    Frag body = compile(x);
                    f.nfa_[size_t(s)].out = body.start;
                    body.outs.push_back({s, 1});
                    append({s, body.outs});
                }
            }
            return result;
        }
        }
        return epsilon();
    }
};

std::unique_ptr<Prefilter> Prefilter::build(const std::vector<std::string> &patterns) {
    auto f = std::unique_ptr<Prefilter>(new Prefilter());
    PrefilterBuilder b{*f};
    f->patterns_ = int(patterns.size());
    std::vector<int> starts;  // per pattern, its NFA start
    for (size_t id = 0; id < patterns.size(); id++) {
        Parser parser(patterns[id]);
        NodeP tree = parser.alternation();
        if (parser.failed || parser.more()) return nullptr;
        size_t first = f->nfa_.size();
        auto frag = b.compile(*tree);
        NState m{NState::Match};
        m.id = int(id);
        int match = b.add(m);
        b.patch(frag.outs, match);
        starts.push_back(frag.start);
        // the bytes its matches can hold: the sets of its positions (those compiled for it)
        std::bitset<256> holds;
        for (size_t q = first; q < f->nfa_.size(); q++)
            if (f->nfa_[q].kind == NState::Byte) holds |= f->sets_[size_t(f->nfa_[q].set)];
        f->holds_.push_back(holds);
        if (f->nfa_.size() > maxPositions) return nullptr;
    }
    for (size_t id = 0; id < patterns.size(); id++) {
        std::vector<int> s{starts[id]};
        f->closure(s);
        bool empty = false;
        for (int q : s) empty = empty || (f->nfa_[size_t(q)].kind == NState::Match && f->nfa_[size_t(q)].id == int(id));
        f->empty_.push_back(empty);
        // a pattern that matches the empty text would make every state hold a match, and every
        // byte leave the scan's loop: it is left out of the automaton and always a candidate,
        // its last end the text's
        if (empty) f->always_.push_back(int(id));
        else f->restarts_.push_back(starts[id]);
    }
    // (the budget of work is the states': these checks, one closure per pattern, spend none of it)
    f->work_ = 0;
    // bytes that no set tells apart share a class
    std::map<std::vector<bool>, int> signatures;
    for (int c = 0; c < 256; c++) {
        std::vector<bool> sig;
        for (auto &s : f->sets_) sig.push_back(s[size_t(c)]);
        auto it = signatures.find(sig);
        if (it == signatures.end()) {
            it = signatures.emplace(sig, int(signatures.size())).first;
            f->representative_.push_back((unsigned char)c);
        }
        f->classOf_[c] = uint8_t(it->second);
    }
    f->classes_ = int(signatures.size());
    size_t cells = size_t(maxStates) * size_t(f->classes_);
    f->next_.reset(static_cast<int32_t *>(std::calloc(cells, sizeof(int32_t))));
    if (!f->next_) return nullptr;
    for (int c = 0; c < 256; c++) f->column_[c] = reinterpret_cast<uintptr_t>(f->next_.get()) + (uintptr_t(f->classOf_[c]) << 2);
    f->matches_.reset(new std::vector<int>[maxStates]);
    f->stateSets_.reserve(maxStates);
    f->stateSets_.push_back(nullptr);  // state 0, not used: its row's offset would read as `unknown`
    std::vector<int> start = f->restarts_;
    f->closure(start);
    std::lock_guard<std::mutex> hold(f->lock_);
    f->start_ = f->stateFor(start);
    // a start state past a limit: no automaton (RE2's set answers every text)
    if (f->start_ == unknown) return nullptr;
    return f;
}

void Prefilter::closure(std::vector<int> &states) const {
    // (its work, for the budget of building: the positions it can visit)
    work_ += nfa_.size() + states.size();
    std::vector<int> stack(states.begin(), states.end()), out;
    std::vector<char> seen(nfa_.size(), 0);
    while (!stack.empty()) {
        int q = stack.back();
        stack.pop_back();
        if (q < 0 || seen[size_t(q)]) continue;
        seen[size_t(q)] = 1;
        const NState &s = nfa_[size_t(q)];
        if (s.kind == NState::Split) {
            stack.push_back(s.out);
            stack.push_back(s.out1);
        } else out.push_back(q);
    }
    std::sort(out.begin(), out.end());
    states = out;
}

int32_t Prefilter::stateFor(std::vector<int> states) const {
    auto code = [&](int id) { int32_t row = int32_t(id * rowBytes()); return matches_[size_t(id)].empty() ? row : ~row; };
    auto it = stateIDs_.find(states);
    if (it != stateIDs_.end()) return code(it->second);
    if (int(stateSets_.size()) >= maxStates || held_ + states.size() > maxHeld || work_ > maxWork) return unknown;
    held_ += states.size();
    int id = int(stateSets_.size());
    std::vector<int> ids;
    for (int q : states) if (nfa_[size_t(q)].kind == NState::Match) ids.push_back(nfa_[size_t(q)].id);
    std::sort(ids.begin(), ids.end());
    ids.erase(std::unique(ids.begin(), ids.end()), ids.end());
    matches_[size_t(id)] = ids;
    // the positions are kept once, as the index's key (a map's keys stay where they are)
    stateSets_.push_back(&stateIDs_.emplace(std::move(states), id).first->first);
    return code(id);
}

int32_t Prefilter::step(int32_t from, int cls) const {
    std::lock_guard<std::mutex> hold(lock_);
    int32_t *cell = &next_[size_t(from) / sizeof(int32_t) + size_t(cls)];
    int32_t known = __atomic_load_n(cell, __ATOMIC_RELAXED);
    if (known != unknown) return known;
    unsigned char byte = representative_[size_t(cls)];
    std::vector<int> next;
    for (int q : *stateSets_[size_t(from / rowBytes())]) {
        const NState &s = nfa_[size_t(q)];
        if (s.kind == NState::Byte && sets_[size_t(s.set)][byte]) next.push_back(s.out);
    }
    // a match may start at every place: every pattern's start again
    next.insert(next.end(), restarts_.begin(), restarts_.end());
    closure(next);
    int32_t to = stateFor(std::move(next));
    if (to == unknown) return unknown;
    // the target's matches are written before the transition that leads to it
    __atomic_store_n(cell, to, __ATOMIC_RELEASE);
    return to;
}

bool Prefilter::scan(const unsigned char *text, size_t length, std::vector<Candidate> &out) const {
    out.clear();
    thread_local std::vector<size_t> first, last;
    thread_local std::vector<uint8_t> seen;
    thread_local std::vector<int> found;
    if (last.size() < size_t(patterns_)) {
        first.resize(size_t(patterns_));
        last.resize(size_t(patterns_));
        seen.resize(size_t(patterns_));
    }
    found.clear();
    // a state that holds a match (its row at offset `state`), reached after `at` bytes
    auto record = [&](int32_t state, size_t at) {
        // pairs with the release of the transition read last (relaxed)
        std::atomic_thread_fence(std::memory_order_acquire);
        for (int id : matches_[size_t(state / rowBytes())]) {
            // (the two runs record out of order)
            if (!seen[size_t(id)]) {
                seen[size_t(id)] = 1;
                found.push_back(id);
                first[size_t(id)] = at;
                last[size_t(id)] = at;
            } else {
                first[size_t(id)] = std::min(first[size_t(id)], at);
                last[size_t(id)] = std::max(last[size_t(id)], at);
            }
        }
    };
    const uint8_t *classOf = classOf_;
    const uintptr_t *columns = column_;
    // the cell of state `s` (its row's offset, positive) on byte `b`: the byte's column
    // (`column_`, loaded from the text's byte, which waits for nothing) plus the row's offset,
    // one load with both in its address. The transition before waits only for the load that
    // gave `s`, not for an addition after it (the row and class summed first, then scaled: 1
    // cycle more on each byte's chain of loads). Unsigned, so that a 32-bit load widens a state
    // for free (a signed one took a sign extension).
    auto at = [columns](uint32_t s, unsigned char b) -> uint32_t {
        return uint32_t(__atomic_load_n(reinterpret_cast<const int32_t *>(columns[b] + s), __ATOMIC_RELAXED));
    };
    // the transition from state `s` on byte k of the text
    auto cell = [&](int64_t s, size_t k) -> int32_t { return int32_t(at(uint32_t(s), text[k])); };
    // state `s` on byte k, whose transition `to` is unknown or leads to a match: false at the
    // limit of states
    auto slow = [&](int64_t &s, int32_t to, size_t k) -> bool {
        if (to == unknown) {
            to = step(int32_t(s), classOf[text[k]]);
            if (to == unknown) return false;
        }
        if (to < 0) {
            to = ~to;
            record(to, k + 1);
        }
        s = to;
        return true;
    };
    auto advance = [&](int64_t &s, size_t k) -> bool {
        int32_t to = cell(s, k);
        if (__builtin_expect(to <= 0, 0)) return slow(s, to, k);
        s = to;
        return true;
    };
    int64_t start = start_;
    if (start < 0) {
        start = ~start;
        record(int32_t(start), 0);
    }
    bool ok = true;
    // Each byte's transition waits for the one before it: one run through the text is bound by
    // the time a load takes, whatever the instructions. A longer text is read as two runs at
    // once, its first half from the start and its second half from the start state too. The
    // second run's states hold fewer partial matches than the true ones (those begun in the first
    // half), so its matches are true ones; the first run then goes on into the second half until
    // it is in the state the second run was in at the same place (usually within a few bytes:
    // no partial match left), after which the two are the same.
    constexpr size_t twoRuns = 256, watch = 64;
    if (length < twoRuns) {
        // one run, its state in a register while no transition is unknown or leads to a match
        // (`advance` takes the state by reference: through it, the state was stored and loaded
        // again for every byte, 12 instructions a byte and the store's latency on each
        // transition's. Sentence-scope regexes are scanned a sentence at a time, most of them
        // shorter than `twoRuns`: the shipped pack read almost all its bytes here)
        int64_t s = start;
        size_t k = 0;
        while (k < length && ok) {
            uint32_t state = uint32_t(s);
            for (; k < length; k++) {
                uint32_t to = at(state, text[k]);
                if (__builtin_expect(int32_t(to - 1) < 0, 0)) break;
                state = to;
            }
            s = state;
            if (k >= length) break;
            ok = advance(s, k);
            k++;
        }
    } else {
        size_t half = length / 2;
        int64_t a = start, b = start;
        int64_t joined[watch];  // the second run's state after each of its first `watch` bytes
        const unsigned char *second = text + half;
        size_t k = 0;
        while (k < watch && ok) {
            // (as below: the states in registers while no transition is unknown or leads to a match)
            uint32_t sa = uint32_t(a), sb = uint32_t(b);
            for (; k < watch; k++) {
                uint32_t ta = at(sa, text[k]);
                uint32_t tb = at(sb, second[k]);
                if (__builtin_expect(int32_t((ta - 1) | (tb - 1)) < 0, 0)) break;
                sa = ta;
                sb = tb;
                joined[k] = int64_t(sb);
            }
            a = sa;
            b = sb;
            if (k >= watch) break;
            ok = advance(a, k) && advance(b, half + k);
            joined[k] = b;
            k++;
        }
        while (k < half && ok) {
            // four bytes of each run at a time while no transition is unknown or leads to a match
            // (either is 0 or negative: either minus one is negative); the states in registers
            // (`a` and `b` are the lambdas', kept in memory: stored each time round, the loop
            // took 37 instructions for its four bytes, 35 without). A special transition leaves
            // with the states before it and `k` at its byte.
            uint32_t sa = uint32_t(a), sb = uint32_t(b);
            // byte j of each run: false, the states kept, when either transition is special
            auto both = [&](size_t j) -> bool {
                uint32_t ta = at(sa, text[j]), tb = at(sb, second[j]);
                if (__builtin_expect(int32_t((ta - 1) | (tb - 1)) < 0, 0)) return false;
                sa = ta;
                sb = tb;
                return true;
            };
            bool special = false;
            for (; k + 4 <= half; k += 4) {
                if (!both(k)) { special = true; break; }
                if (!both(k + 1)) { k += 1; special = true; break; }
                if (!both(k + 2)) { k += 2; special = true; break; }
                if (!both(k + 3)) { k += 3; special = true; break; }
            }
            // the last bytes of the half (fewer than four) one at a time
            for (; !special && k < half && both(k); k++) {}
            a = sa;
            b = sb;
            if (k >= half) break;
            // one byte of each, whatever its transition
            ok = advance(a, k) && advance(b, half + k);
            k++;
        }
        for (size_t j = half + k; j < length && ok; j++) ok = advance(b, j);
        for (size_t j = half; j < length && ok; j++) {
            ok = advance(a, j);
            if (j - half < watch && a == joined[j - half]) break;
        }
    }
    for (int id : found) seen[size_t(id)] = 0;
    if (!ok) return false;
    for (int id : always_) {
        found.push_back(id);
        first[size_t(id)] = 0;
        last[size_t(id)] = length;
    }
    std::sort(found.begin(), found.end());
    for (int id : found) out.push_back({id, first[size_t(id)], last[size_t(id)]});
    return true;
}

}  // namespace attest
