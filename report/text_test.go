package report

import (
	"bytes"
	"strings"
	"testing"

	"github.com/clausediff/clausediff/align"
)

// TestTextMarksSubstantive: in the terminal view too, each substantive
// change is followed by its reasons, and no other change is.
func TestTextMarksSubstantive(t *testing.T) {
	r := kinds(t)
	var buf bytes.Buffer
	if err := Text(&buf, r, TextOptions{Width: 200}); err != nil {
		t.Fatal(err)
	}
	var want []string
	for _, p := range r.Pairs {
		if p.Class == align.Substantive {
			want = append(want, "! substantive: "+strings.Join(p.Reasons, "; "))
		}
	}
	var got []string
	for _, line := range strings.Split(buf.String(), "\n") {
		if strings.HasPrefix(line, "! ") {
			got = append(got, line)
		}
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("marked lines\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}
