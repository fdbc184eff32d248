package align

import (
	"slices"
	"strings"
	"testing"
)

func texts(text string, spans []span) []string {
	out := make([]string, len(spans))
	for i, s := range spans {
		out[i] = text[s.start:s.end]
	}
	return out
}

func TestSentences(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want []string
	}{
		{"plain", "The talks ended. Both sides spoke.", []string{"The talks ended.", "Both sides spoke."}},
		{"question and exclamation", "Why now? Because it matters! We agree.", []string{"Why now?", "Because it matters!", "We agree."}},
		{"lower case after stop", "He met the delegation, i.e. the envoys. Then he left.",
			[]string{"He met the delegation, i.e. the envoys.", "Then he left."}},
		{"titles", "Mr. Smith met Dr. Jones and Gen. Lee. They talked.",
			[]string{"Mr. Smith met Dr. Jones and Gen. Lee.", "They talked."}},
		{"initials", "President Donald J. Trump announced a deal. It is big.",
			[]string{"President Donald J. Trump announced a deal.", "It is big."}},
		{"acronym inside", "The U.S. President spoke to the U.K. Prime Minister. They agreed.",
			[]string{"The U.S. President spoke to the U.K. Prime Minister.", "They agreed."}},
		{"acronym at end", "The tariff applies to goods from the U.S. The rate is 18%.",
			[]string{"The tariff applies to goods from the U.S.", "The rate is 18%."}},
		{"a.m. and p.m.", "The call began at 10 a.m. Eastern Time and ended at 11 a.m. The leaders then met.",
			[]string{"The call began at 10 a.m. Eastern Time and ended at 11 a.m.", "The leaders then met."}},
		{"months", "It was signed on Jan. 5 in Geneva. Talks resume in Feb. next year.",
			[]string{"It was signed on Jan. 5 in Geneva.", "Talks resume in Feb. next year."}},
		{"number abbreviation", "See Executive Order No. 14257 for details. The answer was no. We left.",
			[]string{"See Executive Order No. 14257 for details.", "The answer was no.", "We left."}},
		{"e.g.", "Some goods, e.g. Steel and aluminum, are covered. Others are not.",
			[]string{"Some goods, e.g. Steel and aluminum, are covered.", "Others are not."}},
		{"decimals and amounts", "Qatar will invest $1.2 trillion. Growth was 2.5% in 2024. Prices rose 3.1 percent.",
			[]string{"Qatar will invest $1.2 trillion.", "Growth was 2.5% in 2024.", "Prices rose 3.1 percent."}},
		{"ellipsis", "He said the talks were... difficult. But useful… The end.",
			[]string{"He said the talks were... difficult.", "But useful…", "The end."}},
		{"quote after stop", `He said, “We will act.” The minister agreed. She added: "Soon." Then left.`,
			[]string{`He said, “We will act.”`, "The minister agreed.", `She added: "Soon."`, "Then left."}},
		{"bracket after stop", "Both sides signed (the text is attached.) Talks continue.",
			[]string{"Both sides signed (the text is attached.)", "Talks continue."}},
		{"question inside quote", "“Why?” he asked. Nobody answered.", []string{"“Why?” he asked.", "Nobody answered."}},
		{"enumerator", "1. The first item is here. 2. The second.", []string{"1. The first item is here.", "2. The second."}},
		{"cjk", "双方同意加强合作。会谈取得积极成果！下一步怎么办？", []string{"双方同意加强合作。", "会谈取得积极成果！", "下一步怎么办？"}},
		{"cjk semicolon and quote", "他说：“我们支持。”双方表示；将继续沟通。", []string{"他说：“我们支持。”", "双方表示；", "将继续沟通。"}},
		{"jr", "President Joseph R. Biden, Jr. today held a summit. It went well.",
			[]string{"President Joseph R. Biden, Jr. today held a summit.", "It went well."}},
		{"no stop at end", "A sentence without a stop", []string{"A sentence without a stop"}},
		{"wrapped lines", "The two leaders\ndiscussed trade. They\nagreed.", []string{"The two leaders\ndiscussed trade.", "They\nagreed."}},
		{"digits after stop", "The vote was held in 2024. 2025 will be different.", []string{"The vote was held in 2024.", "2025 will be different."}},
		{"symbol after stop", "See the list. - item one", []string{"See the list. - item one"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := texts(tt.in, sentences(tt.in, 0, len(tt.in)))
			if !slices.Equal(got, tt.want) {
				t.Errorf("sentences(%q)\n have %q\n want %q", tt.in, got, tt.want)
			}
		})
	}
}

func TestClauses(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want []string
	}{
		{"semicolon", "The tariff falls to 18%; the deal takes effect today.",
			[]string{"The tariff falls to 18%;", "the deal takes effect today."}},
		{"colon", "The key terms include: lower tariffs and new quotas.",
			[]string{"The key terms include:", "lower tariffs and new quotas."}},
		{"no split in time or ratio", "The call began at 10:30 and the vote was 3:1 in favour.",
			[]string{"The call began at 10:30 and the vote was 3:1 in favour."}},
		{"em dash", "The partnership—enhancing regional deterrence—benefits industry.",
			[]string{"The partnership—", "enhancing regional deterrence—", "benefits industry."}},
		{"spaced hyphen", "The visit was short - but it was productive.",
			[]string{"The visit was short -", "but it was productive."}},
		{"hyphenated word", "The U.S.-China talks on non-tariff barriers resumed.",
			[]string{"The U.S.-China talks on non-tariff barriers resumed."}},
		{"including", "India will reduce tariffs on a wide range of products, including dried grains, tree nuts and fruit.",
			[]string{"India will reduce tariffs on a wide range of products,", "including dried grains, tree nuts and fruit."}},
		{"which", "The leaders signed an accord on energy cooperation, which takes effect in January next year.",
			[]string{"The leaders signed an accord on energy cooperation,", "which takes effect in January next year."}},
		{"noting", "President Biden emphasized the importance of competition, noting that the United States would continue to invest.",
			[]string{"President Biden emphasized the importance of competition,", "noting that the United States would continue to invest."}},
		{"and between clauses", "President Biden raised concerns about human rights, and President Xi described his views on Taiwan.",
			[]string{"President Biden raised concerns about human rights,", "and President Xi described his views on Taiwan."}},
		{"serial list and", "The fund covers energy, information and communication technology, coal, and other products.",
			[]string{"The fund covers energy, information and communication technology, coal, and other products."}},
		{"serial list or", "This prevents it from veering into conflict, confrontation, or a new Cold War.",
			[]string{"This prevents it from veering into conflict, confrontation, or a new Cold War."}},
		{"short clause after comma", "We will act quickly, and soon.", []string{"We will act quickly, and soon."}},
		{"parentheses", "The agreement (signed in Rome; ratified in Oslo) stands.",
			[]string{"The agreement (signed in Rome; ratified in Oslo) stands."}},
		{"cjk comma is not split", "双方同意，加强合作；扩大交流。", []string{"双方同意，加强合作；", "扩大交流。"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := texts(tt.in, clauses(tt.in, 0, len(tt.in)))
			if !slices.Equal(got, tt.want) {
				t.Errorf("clauses(%q)\n have %q\n want %q", tt.in, got, tt.want)
			}
		})
	}
}

func TestSegmentUnits(t *testing.T) {
	text := "The first paragraph here, which has two clauses of some length. Second sentence.\n\n" +
		"  Second paragraph\nwrapped over lines.  \n\n\n\nThird; with a clause.\n"
	tests := []struct {
		unit Unit
		want []string
	}{
		{UnitParagraph, []string{
			"The first paragraph here, which has two clauses of some length. Second sentence.",
			"Second paragraph\nwrapped over lines.",
			"Third; with a clause."}},
		{UnitSentence, []string{
			"The first paragraph here, which has two clauses of some length.", "Second sentence.",
			"Second paragraph\nwrapped over lines.", "Third; with a clause."}},
		{UnitClause, []string{
			"The first paragraph here,", "which has two clauses of some length.", "Second sentence.",
			"Second paragraph\nwrapped over lines.", "Third;", "with a clause."}},
		{UnitLine, []string{
			"The first paragraph here, which has two clauses of some length. Second sentence.",
			"Second paragraph", "wrapped over lines.", "Third; with a clause."}},
	}
	for _, tt := range tests {
		t.Run(string(tt.unit), func(t *testing.T) {
			spans := segmentText(text, tt.unit)
			got := texts(text, spans)
			if !slices.Equal(got, tt.want) {
				t.Errorf("have %q\nwant %q", got, tt.want)
			}
			// Ordinals never decrease and a clause never crosses a sentence.
			for i := 1; i < len(spans); i++ {
				if spans[i].para < spans[i-1].para || spans[i].sent < spans[i-1].sent || spans[i].start < spans[i-1].end {
					t.Errorf("span %d out of order: %+v after %+v", i, spans[i], spans[i-1])
				}
			}
		})
	}
	// Paragraph and sentence numbers of the clause split.
	spans := segmentText(text, UnitClause)
	var got [][2]int
	for _, s := range spans {
		got = append(got, [2]int{s.para, s.sent})
	}
	want := [][2]int{{1, 1}, {1, 1}, {1, 2}, {2, 3}, {3, 4}, {3, 4}}
	if !slices.Equal(got, want) {
		t.Errorf("ordinals: have %v, want %v", got, want)
	}
}

func TestSegmentEmpty(t *testing.T) {
	for _, u := range []Unit{UnitClause, UnitSentence, UnitParagraph, UnitLine} {
		for _, in := range []string{"", "\n\n", "   \t\n \u00a0\n"} {
			if got := segmentText(in, u); len(got) != 0 {
				t.Errorf("segmentText(%q, %s) = %v, want none", in, u, got)
			}
		}
	}
}

// FuzzSegment checks that segmentation never panics and that segments are
// trimmed, non-empty, in order and inside the text, for every unit.
func FuzzSegment(f *testing.F) {
	for _, s := range []string{
		"The U.S. and the U.K. agreed. Mr. Smith, Jr. left at 10 a.m. today; “Why?” he asked.",
		"双方同意。会谈取得积极成果！",
		"a.b.c. d... e… (f. g.) \u00a0 h—i – j - k, and l m n o p, which q r s t.",
		"\xff\xfe invalid \xc3 utf8. Next.",
		"1. 2. 3. ... !!! ??? ;;; ::: ,,, ———",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		for _, u := range []Unit{UnitClause, UnitSentence, UnitParagraph, UnitLine} {
			prev := 0
			for _, sp := range segmentText(s, u) {
				if sp.start < prev || sp.end <= sp.start || sp.end > len(s) {
					t.Fatalf("%s: bad span %+v (prev end %d, len %d) in %q", u, sp, prev, len(s), s)
				}
				seg := s[sp.start:sp.end]
				if strings.TrimSpace(seg) != seg && u != UnitLine {
					// TrimSpace and isSpace agree on everything the text holds
					// except invisible characters, which trimSpan also drops.
					if a, b := trimSpan(seg, 0, len(seg)); a != 0 || b != len(seg) {
						t.Fatalf("%s: untrimmed segment %q", u, seg)
					}
				}
				prev = sp.end
			}
		}
	})
}
