// Package search is an in-memory, Chinese-aware, ranked search index over
// enterprises and contacts. It does no I/O: the store feeds documents in
// with Put and Remove and asks Query; the UI may query while sync writes.
//
// Matching is case-insensitive and folds full-width characters to
// half-width. A query is split on white space into terms; every term must
// match (AND). A term matches a document through, best first:
//
//	exact name > name prefix > short name > name substring >
//	pinyin initials > full pinyin > address substring >
//	credit code prefix / mobile suffix
//
// Equal scores rank shorter names first, then smaller IDs.
//
// What counts as a match of one term:
//   - name, short name, address: the term is a substring (an exact name is a
//     prefix as long as the name; an exact short name scores a little more);
//   - pinyin initials: the term (letters only) is a substring of the name's
//     initials, one letter per character: "slwj" in zjslwjyxgs;
//   - full pinyin: the term is a prefix of the name's toneless pinyin from
//     some syllable start: "silian" and "sili" at 四 of zhejiangsilian…;
//   - credit code: a term of 2 or more letters/digits is a prefix;
//   - mobile: a term of 4 or more digits (an optional "+86" is dropped) ends
//     the national digits of one of the mobiles.
//
// How it is fast: every text field is cut into unigrams and bigrams, pinyin
// into initials grams and 2–6 letter prefixes at each syllable start, credit
// codes into 2–6 character prefixes and mobiles into their last four digits.
// Each gram keys a posting list of document slots in ascending order; a term
// reads the few lists it needs, intersects them and verifies longer terms
// against the stored text, then a bounded heap keeps the top results.
// Removed and replaced documents leave tombstones that a compaction drops
// once they outnumber the live ones. See bench_test.go for the figures.
//
// Pinyin and 多音字: each character gets one reading. It is go-pinyin's first
// (most common) reading, except where readings.go names another: a short
// table of place names and words common in company names (重庆 chong, 乐清
// yue, 银行 hang, 董事长 zhang …), the character 长 read chang elsewhere
// (长城, 长江, 长兴, 长虹: in company names cháng far outnumbers zhǎng), and
// surname readings for the first character of a contact's name (曾 zeng,
// 单 shan …). Other readings of a 多音字 are not indexed, so typing one finds
// nothing: one reading keeps the index small and the ranking unambiguous.
// Pinyin is taken from the name only (enterprise name or person name).
//
// Memory: each document is one encoded record in a shared byte arena
// (entry.go), IDs are found through a map of their hashes, and posting
// lists are frozen into one sorted key array and one byte array of
// uvarint slot gaps (postings.go); documents put after the last freeze keep their postings
// in a small map until maybeCompact freezes again. The store streams its
// records into a Builder, which freezes once at the end.
//
// Figures (2-core dev machine, see bench_test.go): 100k enterprises plus
// 200k contacts keep about 71 MB of heap (198 MB as a map of slices and
// an object per document before) and take about 2 s of CPU to build
// (1.2 s before); single queries of 1–4 Chinese characters or 1–6
// letters take well under 20 ms at p99.
package search
