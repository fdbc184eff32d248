package align

import (
	"slices"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"github.com/clausediff/clausediff/fetch"
)

// ops parses the wdiff notation the text report prints: "[-gone-]" is
// removed, "{+new+}" added, the rest is in both.
func ops(t testing.TB, s string) []Op {
	t.Helper()
	var out []Op
	for s != "" {
		i := strings.IndexAny(s, "[{")
		for i >= 0 && i+1 < len(s) && !(s[i] == '[' && s[i+1] == '-' || s[i] == '{' && s[i+1] == '+') {
			j := strings.IndexAny(s[i+1:], "[{")
			if j < 0 {
				i = -1
				break
			}
			i += 1 + j
		}
		if i < 0 || i+1 >= len(s) {
			out = append(out, Op{"=", s})
			break
		}
		if i > 0 {
			out = append(out, Op{"=", s[:i]})
		}
		op, end := "-", "-]"
		if s[i] == '{' {
			op, end = "+", "+}"
		}
		j := strings.Index(s[i+2:], end)
		if j < 0 {
			t.Fatalf("unclosed %q in %q", s[i:i+2], s)
		}
		out = append(out, Op{op, s[i+2 : i+2+j]})
		s = s[i+2+j+2:]
	}
	return out
}

func TestClassifyChanged(t *testing.T) {
	for _, tc := range []struct {
		diff    string
		class   Class
		reasons []string // the reasons must include these
	}{
		// Numbers, amounts, percentages, dates.
		{"a tariff of [-25%-]{+18%+} on steel", Substantive, []string{"number: 25% → 18%"}},
		{"purchase over $[-500-]{+600+} billion of energy", Substantive, []string{"number: $500 billion → $600 billion"}},
		{"effective on April [-2-]{+9+}, 2025.", Substantive, []string{"date: April 2, 2025 → April 9, 2025"}},
		{"controls imposed [-in April 2025 and October 2022-]{+since 2023+}.", Substantive, []string{"date: April 2025, October 2022 → 2023"}},
		{"the [-two-]{+three+} leaders met", Substantive, []string{"number: two → three"}},
		{"growth of [-2.5%-]{+25%+}", Substantive, []string{"number: 2.5% → 25%"}},
		{"about 1.4 [-billion-]{+million+} people", Substantive, []string{"number: 1.4 billion → 1.4 million"}},
		{"on [-May-]{+June+} 14 the talks", Substantive, []string{"date: May 14 → June 14"}},
		{"a fee of [-$-]{+€+}500 per ton", Substantive, []string{"number: $500 → €500"}},
		{"pay [-5-]{+10+} dollars for [-10-]{+5+} tons", Substantive, []string{"number: 5 dollars → 10 dollars", "number: 10 → 5"}},
		// Negation.
		{"the United States will [-not-] impose tariffs", Substantive, []string{"negation: dropped not"}},
		{"they [-will-]{+won't+} agree", Substantive, []string{"negation: added won't"}},
		{"remove [-non-tariff-]{+tariff+} barriers", Substantive, []string{"negation: dropped non-tariff"}},
		{"{+Neither+} side [-has-]{+have+} yielded", Substantive, []string{"negation: added neither"}},
		// Modality and commitment.
		{"India [-committed-]{+intends+} to buy more", Substantive, []string{"modal: committed → intends"}},
		{"China [-will-]{+may+} resume purchases", Substantive, []string{"modal: will → may"}},
		{"India [-will remove its digital services taxes and-] committed to", Substantive,
			[]string{"modal: dropped will", "dropped: will remove its digital services taxes and"}},
		{"they [-plan-]{+planned+} to", Minor, []string{"wording: plan → planned"}},
		// Proper names.
		{"talks with President [-Biden-]{+Trump+} in Lima", Substantive, []string{"name: President Biden → President Trump"}},
		{"conclusion of the {+Interim+} Agreement", Substantive, []string{"name: Agreement → Interim Agreement"}},
		{"jobs in the [-United States-]{+European Union+}.", Substantive, []string{"name: United States → European Union"}},
		{"[-Canada-]{+Mexico+} will act. Officials in Canada agreed.", Substantive, []string{"name: Canada → Mexico"}},
		// Content dropped or added outright.
		{"fresh and processed fruit, [-certain pulses,-] soybean oil", Substantive, []string{"dropped: certain pulses"}},
		{"sorghum and hardwood {+and softwood+} logs", Substantive, []string{"added: and softwood"}},
		// Minor: other wording.
		{"and promote AI for the good [-of-]{+for+} all.", Minor, []string{"wording: of → for"}},
		{"and promote AI for [-the-] good for all.", Minor, []string{"wording: dropped the"}},
		{"[-Officials-]{+Diplomats+} said the talks were useful.", Minor, []string{"wording: Officials → Diplomats"}},
		{"the talks were [-productive-]{+useful+}.", Minor, []string{"wording: productive → useful"}},
		{"the minister [-said-]{+stated+} that", Minor, []string{"wording: said → stated"}},
		{"for the good of [-all-]{+everyone+}", Minor, []string{"wording: all → everyone"}},
		{"they [-did not-]{+didn't+} agree", Minor, nil},
		// Words moved within the clause are a rewording.
		{"{+Over two years, +}the plan will pay 1.8 billion crowns[- over two years-].", Minor, []string{"moved: Over two years", "moved: over two years"}},
		// Cosmetic: punctuation, case, spacing.
		{"barriers to digital trade[-,-]{+;+} and rules", Cosmetic, []string{"punctuation: , → ;"}},
		{"the benefits of [-theAgreement-]{+the Agreement+} accrue", Cosmetic, []string{"spacing: theAgreement → the Agreement"}},
		{"to address [-non- market-]{+non-market+} policies", Cosmetic, []string{"spacing: non- market → non-market"}},
		{"under the [-agreement-]{+Agreement+}", Cosmetic, []string{"case: agreement → Agreement"}},
		{"a total of [-1,000-]{+1000+} tons", Cosmetic, []string{"punctuation: 1,000 → 1000"}},
		{"[-U.S.-]{+US+} officials", Cosmetic, []string{"punctuation: U.S. → US"}},
		{"no change at all", Cosmetic, []string{"spacing"}},
	} {
		t.Run(tc.diff, func(t *testing.T) {
			class, reasons := Classify(Changed, ops(t, tc.diff), "", "")
			if class != tc.class {
				t.Errorf("class %q, want %q (reasons %q)", class, tc.class, reasons)
			}
			if len(reasons) == 0 {
				t.Errorf("no reasons")
			}
			for _, r := range tc.reasons {
				if !slices.Contains(reasons, r) {
					t.Errorf("reasons %q lack %q", reasons, r)
				}
			}
		})
	}
}

func TestClassifyOneSided(t *testing.T) {
	for _, tc := range []struct {
		kind    Kind
		text    string
		class   Class
		reasons []string
	}{
		{OnlyA, "The two leaders also discussed tensions and violence in the West Bank.", Substantive,
			[]string{"dropped clause", "number: dropped two", "name: dropped West Bank"}},
		{OnlyA, "including rules that prohibit customs duties on electronic transmissions.", Substantive,
			[]string{"dropped clause"}},
		{OnlyB, "Tariffs will rise to 25% on May 1.", Substantive,
			[]string{"added clause", "number: added 25%", "date: added May 1", "modal: added will"}},
		{OnlyB, "and so", Minor, []string{"wording: added and so"}},
		{OnlyA, "—", Cosmetic, []string{"punctuation: dropped —"}},
	} {
		t.Run(tc.text, func(t *testing.T) {
			a, b := tc.text, ""
			if tc.kind == OnlyB {
				a, b = "", tc.text
			}
			class, reasons := Classify(tc.kind, nil, a, b)
			if class != tc.class {
				t.Errorf("class %q, want %q (reasons %q)", class, tc.class, reasons)
			}
			if !slices.Equal(reasons, tc.reasons) {
				t.Errorf("reasons %q, want %q", reasons, tc.reasons)
			}
		})
	}
}

func TestClassifySame(t *testing.T) {
	if c, r := Classify(Same, nil, "x", "x"); c != "" || r != nil {
		t.Errorf("same pair: %q %q, want no class", c, r)
	}
}

// TestClassifyReasonOrder checks that only the findings at the pair's class
// are given, in reading order.
func TestClassifyReasonOrder(t *testing.T) {
	_, reasons := Classify(Changed, ops(t, "India [-committed-]{+intends+} to buy [-agricultural,-] coal[-,-]{+;+} and the good [-of-]{+for+} all"), "", "")
	want := []string{"modal: committed → intends", "dropped: agricultural"}
	if !slices.Equal(reasons, want) {
		t.Errorf("reasons %q, want %q", reasons, want)
	}
}

// TestCompareSetsClass checks that Compare classes every pair and counts
// the classes in the summary.
func TestCompareSetsClass(t *testing.T) {
	a, err := fetch.Parse("a.txt", []byte("India committed to buy $500 billion of goods.\n\nThe talks were productive.\n\nThe leaders met in Lima.\n"), fetch.FormatText)
	if err != nil {
		t.Fatal(err)
	}
	b, err := fetch.Parse("b.txt", []byte("India intends to buy $500 billion of goods.\n\nThe talks were useful.\n\nThe leaders met in Lima.\n\nA new clause about 12 ships.\n"), fetch.FormatText)
	if err != nil {
		t.Fatal(err)
	}
	r := Compare(a, b, Options{})
	var got []Class
	for _, p := range r.Pairs {
		if (p.Kind == Same) != (p.Class == "") {
			t.Errorf("pair %+v: kind %s with class %q", p, p.Kind, p.Class)
		}
		if p.Class != "" && len(p.Reasons) == 0 {
			t.Errorf("pair %+v: class without reasons", p)
		}
		got = append(got, p.Class)
	}
	want := []Class{Substantive, Minor, "", Substantive}
	if !slices.Equal(got, want) {
		t.Errorf("classes %q, want %q", got, want)
	}
	if s := r.Summary; s.Substantive != 2 || s.Minor != 1 || s.Cosmetic != 0 {
		t.Errorf("summary counts %d/%d/%d, want 2/1/0", s.Substantive, s.Minor, s.Cosmetic)
	}
}

// digits returns the digits of s, sorted.
func digits(s string) string {
	var ds []rune
	for _, r := range s {
		if r >= '0' && r <= '9' {
			ds = append(ds, r)
		}
	}
	slices.Sort(ds)
	return string(ds)
}

// FuzzClassify diffs two texts as Compare does and classes the diff: no
// panic; a class and reasons always; reasons on one line; a change of
// digits is always substantive.
func FuzzClassify(f *testing.F) {
	for _, s := range [][2]string{
		{"India committed to buy over $500 billion of U.S. energy, agricultural, coal.", "India intends to buy over $500 billion of U.S. energy, coal."},
		{"and promote AI for the good of all.", "and promote AI for good for all."},
		{"on April 2, 2025 the tariff of 25% applies", "on April 9, 2025 the tariff of 18% applies"},
		{"the benefits of theAgreement accrue", "the benefits of the Agreement accrue"},
		{"Canada will not act. Officials in Canada agreed", "Mexico won't act, officials in Canada agreed"},
		{"", "x"},
		{"« “Ω” » 1,000", "\u00a0\u200b 1000 —"},
	} {
		f.Add(s[0], s[1])
	}
	f.Fuzz(func(t *testing.T, a, b string) {
		if !utf8.ValidString(a) || !utf8.ValidString(b) {
			t.Skip() // fetch rejects invalid UTF-8 before anything is compared
		}
		d := newDiffer()
		diff, _ := d.diff(a, b)
		for _, kind := range []Kind{Changed, OnlyA, OnlyB} {
			class, reasons := Classify(kind, diff, a, b)
			if class.rank() == 0 || len(reasons) == 0 {
				t.Fatalf("%s: class %q, reasons %q", kind, class, reasons)
			}
			for _, r := range reasons {
				if r == "" || strings.ContainsAny(r, "\n\r") || !utf8.ValidString(r) {
					t.Fatalf("%s: bad reason %q", kind, r)
				}
			}
		}
		class, reasons := Classify(Changed, diff, a, b)
		if digits(fetch.Normalize(a, nil)) != digits(fetch.Normalize(b, nil)) && class != Substantive {
			t.Fatalf("digits changed (%q → %q) but class %q, reasons %q, diff %q", a, b, class, reasons, diff)
		}
	})
}

// FuzzClassifyOps feeds arbitrary op sequences, as a corrupted or
// hand-made result might hold: no panic, a class and reasons.
func FuzzClassifyOps(f *testing.F) {
	f.Add("=India |-committed|+intends|= to buy")
	f.Add("-|+|=|?junk")
	f.Add("=the |-good of|+good for|= all")
	f.Add("=a |-big|+large|= deal, the |-talks-|+talk+|= went on")
	f.Fuzz(func(t *testing.T, s string) {
		var diff []Op
		for _, part := range strings.Split(s, "|") {
			if part == "" {
				diff = append(diff, Op{})
				continue
			}
			diff = append(diff, Op{Op: part[:1], Text: part[1:]})
		}
		class, reasons := Classify(Changed, diff, "", "")
		if class.rank() == 0 || len(reasons) == 0 {
			t.Fatalf("class %q, reasons %q", class, reasons)
		}
		// The shortcut for plain rewordings agrees with the full reading.
		var sal salience
		if c, r, ok := sal.plain(diff); ok {
			if c2, r2 := sal.read(Changed, diff, "", ""); c != c2 || !slices.Equal(r, r2) {
				t.Fatalf("plain says %s %q, the full reading %s %q", c, r, c2, r2)
			}
		}
	})
}

// A salience reused from pair to pair (as finishPairs does) classes every
// pair as a fresh one does.
func TestClassifyReuse(t *testing.T) {
	r := compareFixture(t, "two-readouts/a.md", "two-readouts/b.md", UnitClause)
	r2 := compareFixture(t, "release-revision/a.md", "release-revision/b.md", UnitClause)
	var s salience
	n := 0
	for _, res := range []*Result{r, r2, r} {
		for _, p := range res.Pairs {
			_, ta := joined(res.A.Segments, p.A)
			_, tb := joined(res.B.Segments, p.B)
			c1, r1 := s.classify(p.Kind, p.Diff, ta, tb)
			c2, r2 := Classify(p.Kind, p.Diff, ta, tb)
			if c1 != c2 || !slices.Equal(r1, r2) {
				t.Errorf("pair %+v: reused %s %q, fresh %s %q", p, c1, r1, c2, r2)
			}
			n++
		}
	}
	if n < 50 {
		t.Fatalf("only %d pairs", n)
	}
}

// skeleton builds the skeleton sameSkeleton compares rune by rune: the
// plain version, to check the other against.
func skeleton(s string) string {
	var b strings.Builder
	var prev rune
	for i, r := range s {
		switch {
		case unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.IsMark(r):
			b.WriteRune(unicode.ToLower(r))
		case isCurrency(r) || r == '%' || r == '‰':
			b.WriteRune(r)
		case r == '.' && unicode.IsDigit(prev):
			if next, _ := utf8.DecodeRuneInString(s[i+1:]); unicode.IsDigit(next) {
				b.WriteRune(r)
			}
		}
		prev = r
	}
	return b.String()
}

func FuzzSameSkeleton(f *testing.F) {
	for _, s := range [][2]string{{"2.5%", "25 %"}, {"U.S.", "US"}, {"$1,000", "$1000"}, {"Ünïcode", "ünïcode!"}, {"", "..."}} {
		f.Add(s[0], s[1])
	}
	f.Fuzz(func(t *testing.T, a, b string) {
		want := skeleton(a) == skeleton(b) && skeleton(a) != ""
		if got := sameSkeleton(a, b); got != want {
			t.Errorf("sameSkeleton(%q, %q) = %v; skeletons %q, %q", a, b, got, skeleton(a), skeleton(b))
		}
	})
}

// plain, the shortcut for pairs whose changes are plain rewordings, gives
// what the full reading gives, on every fixture pair and on the real
// revisions.
func TestPlainAgrees(t *testing.T) {
	var results []*Result
	for _, f := range [][2]string{
		{"release-revision/a.md", "release-revision/b.md"}, {"two-readouts/a.md", "two-readouts/b.md"},
		{"paraphrase/a.txt", "paraphrase/b.txt"}, {"unicode/a.txt", "unicode/b.txt"},
	} {
		for _, u := range []Unit{UnitClause, UnitSentence, UnitParagraph} {
			results = append(results, compareFixture(t, f[0], f[1], u))
		}
	}
	var s salience
	plain := 0
	for _, r := range results {
		for _, p := range r.Pairs {
			if p.Kind != Changed {
				continue
			}
			c1, r1, ok := s.plain(p.Diff)
			if !ok {
				continue
			}
			plain++
			c2, r2 := s.read(p.Kind, p.Diff, "", "")
			if c1 != c2 || !slices.Equal(r1, r2) {
				t.Errorf("diff %q: plain says %s %q, the full reading %s %q", p.Diff, c1, r1, c2, r2)
			}
		}
	}
	if plain < 10 {
		t.Errorf("only %d plain pairs: the test checks little", plain)
	}
}
