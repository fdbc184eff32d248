package align

import "github.com/clausediff/clausediff/fetch"

// Kind says how the two sides of a pair relate.
type Kind string

// Pair kinds.
const (
	Same    Kind = "same"    // equal after normalization
	Changed Kind = "changed" // reworded: similar enough to be the same clause
	OnlyA   Kind = "only-a"  // in A only: deleted or left out by B
	OnlyB   Kind = "only-b"  // in B only: added
)

// Segment is one unit of a document: a clause, sentence, paragraph or line.
type Segment struct {
	ID        int    // index in its side's Segments
	Text      string // as written in the document (markup removed)
	Start     int    // byte offset in the input where it starts (see fetch.Document.SourceOffset)
	End       int    // byte offset just past its end
	Line      int    // 1-based input line where it starts
	Paragraph int    // 1-based paragraph number
	Sentence  int    // 1-based sentence number, counted through the document
	Words     int    // words, as the word diff counts them

	norm string // comparison form (fetch.Normalize)
}

// Side is one document of a comparison, segmented.
type Side struct {
	Doc            *fetch.Document
	Segments       []Segment
	Normalizations fetch.Normalizations // what comparison ignored, with counts
}

// Op is one step of a word diff.
type Op struct {
	Op   string // "=" in both, "-" only in A, "+" only in B
	Text string // with the whitespace before it; "=" text is A's wording
}

// Pair is one row of an alignment: segments of A and of B that correspond,
// or segments of one side with no counterpart.
type Pair struct {
	Kind Kind
	A, B []int // segment IDs, ascending; empty on the missing side

	// Moved is set when the pair is out of order relative to the rest: a
	// minimal set of pairs is marked, so one moved paragraph does not mark
	// everything after it.
	Moved bool

	// Similarity of the two sides' words, 0 to 1 (1 for same; a changed
	// pair at 1 differs only in punctuation, case or spacing). 0 for
	// only-a and only-b.
	Similarity float64

	Diff []Op // word diff, for changed pairs

	// Class says how much the change matters (see Classify): substantive,
	// minor or cosmetic for changed, only-a and only-b pairs; "" for same
	// pairs, moved or not. Reasons say why, one finding per line, at the
	// pair's class ("modal: committed → intends").
	Class   Class
	Reasons []string

	kept int // words in the diff's "=" ops
}

// Summary counts the alignment.
type Summary struct {
	Pairs     int
	Same      int
	Changed   int
	OnlyA     int
	OnlyB     int
	Moved     int
	SegmentsA int
	SegmentsB int
	WordsA    int
	WordsB    int
	// Share of each side's words found unchanged in the other: words of
	// same pairs and the "=" words of changed pairs, moved or not.
	UnchangedA float64
	UnchangedB float64
	// Pairs by class (see Pair.Class); they add up to Changed+OnlyA+OnlyB.
	Substantive int
	Minor       int
	Cosmetic    int
}

// Result is a whole comparison.
type Result struct {
	Options Options
	A, B    Side
	Pairs   []Pair // in reading order: B's order, with A-only pairs where they stood in A
	Summary Summary
}

// Differs reports whether the documents differ in any way comparison sees:
// a pair that is not same, or a moved pair.
func (r *Result) Differs() bool {
	for _, p := range r.Pairs {
		if p.Kind != Same || p.Moved {
			return true
		}
	}
	return false
}
