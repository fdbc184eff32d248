// Package align segments two documents into clauses, sentences, paragraphs
// or lines and pairs the segments of one with those of the other,
// regardless of order, with a word diff inside every reworded pair.
//
// # Contract
//
// Compare returns pairs in which every segment of A and of B appears exactly
// once. A pair is same (equal after fetch.Normalize), changed (reworded: a
// word diff says how), only-a or only-b; it holds one segment per side, or
// several adjacent segments on one side when a sentence was split or two
// were merged. The fewest pairs whose moving explains B's order are marked
// moved. Pairs come in reading order: B's, with each only-a pair where it
// stood in A.
//
// # Algorithm
//
//  1. Features (features.go). Each segment becomes a sorted multiset of
//     terms: lower-cased, lightly stemmed words; numbers as written; CJK
//     characters and character pairs. A term weighs ln(1+N/df) over the N
//     segments of both sides, a quarter of that for stopwords and one-letter
//     words. Similarity is the weighted Dice coefficient of two multisets.
//  2. Candidates (candidates.go). Equal texts are candidates of each other;
//     every other segment probes an inverted index with its rarest terms
//     within a budget of postings and keeps its best few partners by exact
//     similarity. Segments still unpaired after step 4 probe again with a
//     larger budget.
//  3. Backbone. The heaviest chain of candidates increasing in both A and B
//     (a weighted longest increasing subsequence, chain.go), counting only
//     pairs above the anchor level; then pairs off the chain that are each
//     other's best and clearly similar (a clause moved far away).
//  4. Context. Between consecutive in-order pairs, the unpaired segments are
//     aligned in order: on all pairs of the gap when it is small (pairs that
//     are each other's best first, even crossing), on candidates otherwise.
//     The bar adapts to the documents: it is the similarity that one of the
//     gap's pairs would reach by chance, measured on a sample of random
//     pairs of these documents, so neighbours that match make an in-between
//     weak match believable. In a free translation or paraphrase, a segment
//     alone between two pairs also pairs when lengths agree (Gale–Church).
//  5. Leftovers. Runs of neighbours that match in step (a moved block, which
//     keeps its inner order), then single pairs above the threshold, then
//     runs grown from those; the gaps are aligned again, then the unpaired
//     segments that follow (or precede) both members of any pair: next to
//     a moved block a gap is bounded on one side only. Last, in a free
//     translation, what is left of a gap of up to eight segments a side
//     pairs in order where lengths agree and the words resemble more than
//     those of three random pairs in four (fitGaps).
//  6. Merges (compare.go). An unpaired segment next to a pair joins it when
//     it carries the words the pair's other side has left over.
//  7. Moves. Pairs off a maximum chain of all pairs, each counting one, are
//     marked moved: the fewest whose moving explains B's order. Where
//     several maximum chains exist (a block swapped with one of the same
//     size), a pair is marked unless every one of them holds it.
//  8. Word diffs (worddiff.go): go-diff on word tokens mapped to runes, after
//     trimming the common prefix and suffix, with a semantic cleanup.
//
// # Cost
//
// Segmentation and features are linear in the input. Candidate generation
// scans at most a fixed budget of postings per segment and scores a fixed
// number of candidates, so it is linear too; chains cost O(c log n) for c
// candidates; gaps are aligned on all their pairs only up to a fixed size.
// No step compares all pairs of the documents. Word diffs cost
// O((a+b)·d) per changed pair of a and b tokens and d differences. Features,
// probing, the diagonal walk and word diffs run on all cores. Measured with
// scripts/perf.sh on two cores, time grows linearly (about 145 ms per MB a
// side); the whole KJV→ASV Bible (4 MB a side) takes 1.8 times as long as
// git's word diff of the same files.
package align
