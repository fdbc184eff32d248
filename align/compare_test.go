package align

import (
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/clausediff/clausediff/fetch"
)

func textDoc(t testing.TB, name, s string) *fetch.Document {
	t.Helper()
	d, err := fetch.Parse(name, []byte(s), fetch.FormatText)
	if err != nil {
		t.Fatal(err)
	}
	return d
}

// shape renders pairs compactly: "=0:0" same, "~1:1" changed, "-2" only in
// A, "+3" only in B, ">" prefix for moved; several IDs joined with ",".
func shape(r *Result) string {
	var parts []string
	for _, p := range r.Pairs {
		mark := map[Kind]string{Same: "=", Changed: "~", OnlyA: "-", OnlyB: "+"}[p.Kind]
		if p.Moved {
			mark = ">" + mark
		}
		join := func(ids []int) string {
			s := make([]string, len(ids))
			for i, id := range ids {
				s[i] = fmt.Sprint(id)
			}
			return strings.Join(s, ",")
		}
		switch p.Kind {
		case OnlyA:
			parts = append(parts, mark+join(p.A))
		case OnlyB:
			parts = append(parts, mark+join(p.B))
		default:
			parts = append(parts, mark+join(p.A)+":"+join(p.B))
		}
	}
	return strings.Join(parts, " ")
}

// checkInvariants verifies what Compare promises for any input.
func checkInvariants(t testing.TB, r *Result) {
	t.Helper()
	seenA := make([]int, len(r.A.Segments))
	seenB := make([]int, len(r.B.Segments))
	var sum Summary
	for k, p := range r.Pairs {
		for _, id := range p.A {
			seenA[id]++
		}
		for _, id := range p.B {
			seenB[id]++
		}
		if !slices.IsSorted(p.A) || !slices.IsSorted(p.B) {
			t.Errorf("pair %d: IDs not ascending: %v %v", k, p.A, p.B)
		}
		for _, ids := range [][]int{p.A, p.B} {
			for i := 1; i < len(ids); i++ {
				if ids[i] != ids[i-1]+1 {
					t.Errorf("pair %d: segments not adjacent: %v", k, ids)
				}
			}
		}
		switch p.Kind {
		case OnlyA:
			sum.OnlyA++
			if len(p.A) == 0 || len(p.B) != 0 || p.Moved || p.Diff != nil {
				t.Errorf("pair %d: bad only-a %+v", k, p)
			}
		case OnlyB:
			sum.OnlyB++
			if len(p.B) == 0 || len(p.A) != 0 || p.Moved || p.Diff != nil {
				t.Errorf("pair %d: bad only-b %+v", k, p)
			}
		case Same:
			sum.Same++
			na, _ := joined(r.A.Segments, p.A)
			nb, _ := joined(r.B.Segments, p.B)
			if na != nb || p.Similarity != 1 || p.Diff != nil {
				t.Errorf("pair %d: same but %q != %q (sim %v)", k, na, nb, p.Similarity)
			}
		case Changed:
			sum.Changed++
			na, ta := joined(r.A.Segments, p.A)
			nb, _ := joined(r.B.Segments, p.B)
			if na == nb || len(p.Diff) == 0 || p.Similarity < 0 || p.Similarity > 1 {
				t.Errorf("pair %d: changed but equal or no diff: %+v", k, p)
			}
			// The diff rebuilds both sides: "=" and "-" give A's text, "="
			// and "+" give B's words.
			var da, db strings.Builder
			for _, op := range p.Diff {
				switch op.Op {
				case "=":
					da.WriteString(op.Text)
					db.WriteString(op.Text)
				case "-":
					da.WriteString(op.Text)
				case "+":
					db.WriteString(op.Text)
				default:
					t.Errorf("pair %d: bad op %q", k, op.Op)
				}
			}
			if fetch.Normalize(da.String(), nil) != fetch.Normalize(ta, nil) {
				t.Errorf("pair %d: diff does not rebuild A:\n %q\n %q", k, da.String(), ta)
			}
			if squash(db.String()) != squash(nb) {
				t.Errorf("pair %d: diff does not rebuild B:\n %q\n %q", k, squash(db.String()), squash(nb))
			}
		default:
			t.Errorf("pair %d: bad kind %q", k, p.Kind)
		}
		if p.Moved {
			sum.Moved++
		}
	}
	for i, n := range seenA {
		if n != 1 {
			t.Errorf("segment A%d is in %d pairs", i, n)
		}
	}
	for j, n := range seenB {
		if n != 1 {
			t.Errorf("segment B%d is in %d pairs", j, n)
		}
	}
	s := r.Summary
	if s.Same != sum.Same || s.Changed != sum.Changed || s.OnlyA != sum.OnlyA || s.OnlyB != sum.OnlyB ||
		s.Moved != sum.Moved || s.Pairs != len(r.Pairs) {
		t.Errorf("summary %+v does not count the pairs (%+v)", s, sum)
	}
	if s.UnchangedA < 0 || s.UnchangedA > 1 || s.UnchangedB < 0 || s.UnchangedB > 1 {
		t.Errorf("unchanged shares out of range: %+v", s)
	}
}

// squash normalizes and drops whitespace, for comparing texts that may
// differ in spacing and in the normalizations "=" ops smooth over.
func squash(s string) string {
	return strings.Join(strings.Fields(fetch.Normalize(s, nil)), "")
}

func TestCompare(t *testing.T) {
	const (
		s1 = "The two leaders discussed bilateral trade and investment."
		s2 = "They agreed to resume military-to-military communication."
		s3 = "President Biden raised concerns about human rights in Xinjiang."
		s4 = "Both sides will continue talks in the coming weeks."
		s5 = "The United States will lower the tariff on steel from 25% to 18%."
	)
	para := func(ss ...string) string { return strings.Join(ss, "\n\n") + "\n" }
	tests := []struct {
		name string
		unit Unit
		a, b string
		want string
	}{
		{"identical", UnitSentence, para(s1, s2, s3), para(s1, s2, s3), "=0:0 =1:1 =2:2"},
		{"normalization only", UnitSentence, "He said “yes” — twice…\n", "He said \"yes\" - twice...\n", "=0:0"},
		{"case is a change", UnitSentence, "the talks ended.\n", "The talks ended.\n", "~0:0"},
		{"insert", UnitSentence, para(s1, s2, s4), para(s1, s2, s3, s4), "=0:0 =1:1 +2 =2:3"},
		{"delete", UnitSentence, para(s1, s2, s3, s4), para(s1, s2, s4), "=0:0 =1:1 -2 =3:2"},
		{"reword", UnitSentence, para(s1, s5, s4),
			para(s1, "The United States may lower the tariff on steel from 25% to 15%.", s4), "=0:0 ~1:1 =2:2"},
		{"move to the end", UnitSentence, para(s1, s2, s3, s4, s5), para(s2, s3, s4, s5, s1),
			"=1:0 =2:1 =3:2 =4:3 >=0:4"},
		{"move to the top", UnitSentence, para(s1, s2, s3, s4, s5), para(s5, s1, s2, s3, s4),
			">=4:0 =0:1 =1:2 =2:3 =3:4"},
		{"reworded and moved", UnitSentence, para(s1, s2, s3, s4, s5),
			para(s2, s3, s4, s5, "The two leaders talked about bilateral trade and investment."),
			"=1:0 =2:1 =3:2 =4:3 >~0:4"},
		{"split", UnitSentence,
			para("The two leaders discussed bilateral trade and they agreed to resume military-to-military communication.", s3),
			para(s1, s2, s3),
			"~0:0,1 =1:2"},
		{"merge", UnitSentence,
			para(s1, s2, s3),
			para("The two leaders discussed bilateral trade and they agreed to resume military-to-military communication.", s3),
			"~0,1:0 =2:1"},
		{"one sentence each, reworded", UnitSentence, s5, "The United States will cut the steel tariff from 25% to 18%.", "~0:0"},
		{"one sentence each, unrelated", UnitSentence, s1, "Rain is expected tomorrow over the northern hills.", "-0 +0"},
		{"duplicated sentences keep order", UnitSentence,
			para(s1, "The talks were constructive.", s2, "The talks were constructive.", s4),
			para(s1, "The talks were constructive.", s2, s4, "The talks were constructive."),
			// The repeated sentence moved after s4 — or s4 before it: either
			// is as short an explanation, so both are marked.
			"=0:0 =1:1 =2:2 >=4:3 >=3:4"},
		{"empty documents", UnitClause, "", "", ""},
		{"empty A", UnitSentence, "", para(s1, s2), "+0 +1"},
		{"empty B", UnitSentence, para(s1, s2), "\n\n", "-0 -1"},
		{"clauses", UnitClause,
			"India will reduce tariffs on many goods, including grains, fruit, certain pulses and wine.\n",
			"India will reduce tariffs on many goods, including grains, fruit and wine.\n",
			"=0:0 ~1:1"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := Compare(textDoc(t, "a.txt", tt.a), textDoc(t, "b.txt", tt.b), Options{Unit: tt.unit})
			checkInvariants(t, r)
			if got := shape(r); got != tt.want {
				t.Errorf("have %s\nwant %s", got, tt.want)
				for _, p := range r.Pairs {
					t.Logf("%+v", p)
				}
			}
			if differs := tt.want != strings.Join(strings.Fields(strings.NewReplacer("=", " =").Replace(tt.want)), " ") || strings.ContainsAny(tt.want, "~-+>"); r.Differs() != differs {
				t.Errorf("Differs() = %v, want %v", r.Differs(), differs)
			}
		})
	}
}

func TestCompareDiffAndSummary(t *testing.T) {
	a := "India committed to buy more American products, including energy, agricultural, coal, and other products.\n"
	b := "India intends to buy more American products, including energy, coal, and other products.\n"
	r := Compare(textDoc(t, "a.txt", a), textDoc(t, "b.txt", b), Options{})
	checkInvariants(t, r)
	var ops []string
	for _, p := range r.Pairs {
		for _, op := range p.Diff {
			if op.Op != "=" {
				ops = append(ops, op.Op+op.Text)
			}
		}
	}
	want := []string{"-committed", "+intends", "-agricultural,"}
	if !slices.Equal(ops, want) {
		t.Errorf("changes: have %q, want %q", ops, want)
	}
	s := r.Summary
	// A has 14 words, B 13; 12 of them are the same words.
	if s.WordsA != 14 || s.WordsB != 13 {
		t.Errorf("words: %d, %d", s.WordsA, s.WordsB)
	}
	if s.UnchangedA != round3(12.0/14) || s.UnchangedB != round3(12.0/13) {
		t.Errorf("unchanged: %v, %v", s.UnchangedA, s.UnchangedB)
	}
}

func TestCompareLineNumbers(t *testing.T) {
	a := "first line\n\nsecond line\nthird line\n"
	r := Compare(textDoc(t, "a.txt", a), textDoc(t, "b.txt", a), Options{Unit: UnitLine})
	var lines []int
	for _, s := range r.A.Segments {
		lines = append(lines, s.Line)
		if a[s.Start:s.End] != s.Text {
			t.Errorf("offsets %d:%d give %q, want %q", s.Start, s.End, a[s.Start:s.End], s.Text)
		}
	}
	if !slices.Equal(lines, []int{1, 3, 4}) {
		t.Errorf("lines %v", lines)
	}
}

// FuzzCompare checks the invariants of Compare on arbitrary pairs of texts.
func FuzzCompare(f *testing.F) {
	f.Add("The talks ended. Both sides spoke.\n\nA new paragraph; with clauses, which go on and on.",
		"Both sides spoke. The talks ended!\n\nA new paragraph.", uint8(0))
	f.Add("same same same. same same same. same.", "same. same same same.", uint8(1))
	f.Add("", "x", uint8(2))
	f.Add("双方同意加强合作。会谈取得积极成果！", "会谈取得积极成果！双方同意加强合作。", uint8(3))
	f.Fuzz(func(t *testing.T, a, b string, u uint8) {
		unit := []Unit{UnitClause, UnitSentence, UnitParagraph, UnitLine}[u%4]
		da, err := fetch.Parse("a.txt", []byte(a), fetch.FormatText)
		if err != nil {
			return // not text: fetch's concern, tested there
		}
		db, err := fetch.Parse("b.txt", []byte(b), fetch.FormatText)
		if err != nil {
			return
		}
		done := make(chan *Result)
		go func() { done <- Compare(da, db, Options{Unit: unit}) }()
		select {
		case r := <-done:
			checkInvariants(t, r)
		case <-time.After(20 * time.Second):
			t.Fatalf("Compare(%q, %q, %s) takes more than 20s", a, b, unit)
		}
	})
}
