#ifndef ATTEST_REGEX_H
#define ATTEST_REGEX_H

// A C interface to RE2 for Attest's regex rules: one set of patterns compiled once, asked which
// patterns occur in a text (one pass), then where one pattern's matches are. Every pattern is
// compiled as UTF-8 and case-insensitive. All functions on a compiled set may be called from
// several threads at once.

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef struct attest_regex_set attest_regex_set;

/// NULL when RE2 compiles `pattern` (UTF-8, `length` bytes); otherwise RE2's reason, to be
/// released with attest_regex_free_string.
char *attest_regex_check(const char *pattern, size_t length);

void attest_regex_free_string(char *string);

/// A set of `count` patterns, numbered 0..<count in the given order; NULL when one does not
/// compile (check each with attest_regex_check first).
attest_regex_set *attest_regex_set_create(const char *const *patterns, const size_t *lengths, int count);

void attest_regex_set_destroy(attest_regex_set *set);

/// Writes the numbers of the patterns that match somewhere in `text`, ascending, into `ids`
/// (room for every pattern of the set) and returns how many.
int attest_regex_set_match(const attest_regex_set *set, const char *text, size_t length, int *ids);

/// The patterns that may match somewhere in `text`, ascending, into `ids` (room for every pattern
/// of the set), and for each, into `firsts` and `ends`, the first and the last offsets where one
/// of its matches may end; returns how many. Every pattern that attest_regex_set_match gives is
/// among them, and every match of each ends at or after its first end and at or before its end.
/// Answered in one pass by an automaton of the set's patterns, read loosely (prefilter.h), when
/// the set has one (attest_regex_set_has_automaton), else by RE2's set with 0 as every first end
/// and the text's length as every end.
int attest_regex_set_candidates(const attest_regex_set *set, const char *text, size_t length, int *ids, size_t *firsts, size_t *ends);

/// 1 when attest_regex_set_candidates answers through the set's automaton: 0 when a pattern uses
/// syntax the automaton does not read.
int attest_regex_set_has_automaton(const attest_regex_set *set);

/// The states the set's automaton has built so far (at most 9,999; then RE2's set answers for a
/// text that needs another); 0 without an automaton.
int attest_regex_set_automaton_states(const attest_regex_set *set);

/// attest_regex_find for a pattern whose matches end at or after `firstEnd` and at or before
/// `lastEnd` (from attest_regex_set_candidates): returns 0 at once when none can start at `from` or
/// after it, and begins RE2's search no earlier than the run of bytes before `firstEnd` that the
/// pattern's matches can hold (a match that starts before `firstEnd` holds all of them up to there).
int attest_regex_find_between(const attest_regex_set *set, int id, const char *text, size_t length, size_t from,
                              size_t firstEnd, size_t lastEnd, size_t *start, size_t *end);

/// The leftmost-first match of pattern `id` in text[from..<length], with the whole text as the
/// context of `^`, `$` and `\b`: returns 1 and sets *start and *end (byte offsets into text), or 0.
/// Returns 0 at once when text[from..<length] lacks the bytes every match of the pattern holds
/// (attest_regex_required_literal), which RE2 would otherwise read to the end to find out; RE2's
/// search begins at the pattern's anchor (attest_regex_anchor) when it has one.
int attest_regex_find(const attest_regex_set *set, int id, const char *text, size_t length, size_t from,
                      size_t *start, size_t *end);

/// attest_regex_find without the required bytes' check: RE2's own search (for tests).
int attest_regex_find_unfiltered(const attest_regex_set *set, int id, const char *text, size_t length, size_t from,
                                 size_t *start, size_t *end);

/// The bytes every match of pattern `id` holds, lower case, ASCII letters matching either case
/// in the text; writes up to `capacity` of them to `out` and returns their number (0: none known).
size_t attest_regex_required_literal(const attest_regex_set *set, int id, char *out, size_t capacity);

/// Where every match of pattern `id` starts at the earliest, from its top-level items: 0 when
/// that is not known; 1 when every match holds the bytes written to `out` (up to `capacity`; their
/// number in *length; lower case, ASCII letters matching either case) at most *offset bytes after
/// its start; 2 when it holds an ASCII digit at most *offset bytes after its start.
/// attest_regex_find begins RE2's search there.
int attest_regex_anchor(const attest_regex_set *set, int id, char *out, size_t capacity, size_t *length, size_t *offset);

#ifdef __cplusplus
}
#endif

#endif
