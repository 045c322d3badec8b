#ifndef ATTEST_PREFILTER_H
#define ATTEST_PREFILTER_H

// A byte-level automaton over a set of patterns that tells, in one pass over a text and at a few
// instructions per byte, which patterns may match there and where each one's last match may end.
// Its answers are a superset of RE2's: every pattern RE2 matches is among the candidates, and
// every match RE2 finds ends at or before the candidate's last end. It reads a looser language
// than each pattern's (see `Prefilter::build`), so a candidate may match nothing in RE2.

#include <bitset>
#include <cstdlib>
#include <cstddef>
#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

namespace attest {

class Prefilter {
public:
    /// The automaton of `patterns` (in RE2's spelling, numbered in order), or nullptr when one of
    /// them uses syntax the reader does not know (then RE2 answers alone).
    static std::unique_ptr<Prefilter> build(const std::vector<std::string> &patterns);

    /// One candidate: a pattern that may match in the text, and the first and last offsets where
    /// one of its matches may end (every match ends within them).
    struct Candidate {
        int id;
        size_t firstEnd, lastEnd;
    };

    /// The candidates in `text`, by ascending id, into `out` (cleared first). False when the
    /// automaton reached its limit of states on this text (`out` is then not to be used).
    bool scan(const unsigned char *text, size_t length, std::vector<Candidate> &out) const;

    /// Whether pattern `id`, as the automaton reads it, matches the empty text.
    bool matchesEmpty(int id) const { return empty_[size_t(id)]; }

    /// Where a match of pattern `id` in `text` that starts at `from` or after it starts at the
    /// earliest, given `firstEnd`, the candidate's first end (no match ends before it): a match
    /// that starts before `firstEnd` holds every byte from its start to there, so it starts no
    /// earlier than the run of bytes before `firstEnd` that the pattern can hold (`holds_`).
    /// `from` itself when that tells nothing (a pattern that matches the empty text, a first end
    /// at or before `from`).
    size_t earliestStart(int id, const unsigned char *text, size_t from, size_t firstEnd) const {
        if (firstEnd <= from || empty_[size_t(id)]) return from;
        const std::bitset<256> &holds = holds_[size_t(id)];
        size_t k = firstEnd;
        while (k > from && holds[text[k - 1]]) k--;
        return k;
    }

    /// The states built so far.
    int states() const {
        std::lock_guard<std::mutex> hold(lock_);
        return int(stateSets_.size()) - 1;
    }

    /// Most states the automaton builds (each `classes` transitions of 4 bytes, in memory only once
    /// built). Building also stops when the states hold `maxHeld` positions in all (16 MB) or the
    /// closures have visited `maxWork` positions (about a second): a hostile pattern can take
    /// neither memory nor time from the texts, which RE2's set then answers. A pattern set of
    /// more than `maxPositions` positions gets no automaton.
    static constexpr int maxStates = 10000;
    static constexpr size_t maxHeld = size_t(4) << 20, maxWork = size_t(400) << 20, maxPositions = 100000;

private:
    struct NState {
        enum Kind : uint8_t { Byte, Split, Match } kind;
        int set = -1;  // Byte: index in sets_
        int out = -1, out1 = -1;
        int id = -1;  // Match: the pattern
    };
    std::vector<NState> nfa_;
    std::vector<std::bitset<256>> sets_;
    std::vector<bool> empty_;
    // per pattern, the bytes its matches can hold (the sets of the positions compiled for it)
    std::vector<std::bitset<256>> holds_;
    // the starts of the patterns in the automaton (a match may begin at every place), and the
    // patterns left out of it because they match the empty text (always candidates)
    std::vector<int> restarts_, always_;
    int patterns_ = 0;

    // bytes told apart by some set
    uint8_t classOf_[256] = {};
    // per byte, the address of its class's column of cells (`next_` + 4 × class): the scan's
    // first load for each byte, one load where the class and then its column took two steps
    uintptr_t column_[256] = {};
    int classes_ = 0;
    // bytes in a state's row of cells: a state's number is its row's offset over it
    int rowBytes() const { return classes_ * int(sizeof(int32_t)); }
    // per class, a byte of it
    std::vector<unsigned char> representative_;

    // The automaton, built as texts need it. A transition is `unknown` (0) until known, then the
    // offset in bytes of its target state's row of cells (state × classes × 4; state 0 is not
    // used, so that is never 0), bitwise complemented (negative) when the target holds a match:
    // the scan reads the next cell at that offset from the byte's column (the column's address
    // made from the byte, ahead of the transition that gives the row), and leaves its loop only
    // for a cell of 0 or less. The cells are allocated zeroed, so that the pages of states never
    // built are never touched. They are read and written with atomic builtins (relaxed in the
    // scan, which fences before reading a state's matches; release when written, under the lock).
    static constexpr int32_t unknown = 0;
    struct Free {
        void operator()(int32_t *p) const { std::free(p); }
    };
    mutable std::mutex lock_;
    // per state, its positions (the key of its entry in stateIDs_)
    mutable std::vector<const std::vector<int> *> stateSets_;
    mutable std::map<std::vector<int>, int> stateIDs_;
    std::unique_ptr<int32_t[], Free> next_;
    // per state: the patterns whose match it holds (empty for most)
    mutable std::unique_ptr<std::vector<int>[]> matches_;
    // positions held by the states, and visited by closures, so far
    mutable size_t held_ = 0, work_ = 0;
    int32_t start_ = 0;  // the start state, coded as a transition

    void closure(std::vector<int> &states) const;
    int32_t stateFor(std::vector<int> states) const;  // lock held; coded; -1 at the limit
    int32_t step(int32_t from, int cls) const;          // takes the lock; coded; -1 at the limit

    friend struct PrefilterBuilder;
};

}  // namespace attest

#endif
