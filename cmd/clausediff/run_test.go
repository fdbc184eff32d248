package main

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

type result struct {
	code           int
	stdout, stderr string
}

func runCLI(t *testing.T, stdin string, args ...string) result {
	t.Helper()
	var out, errb bytes.Buffer
	code := run(context.Background(), append([]string{"clausediff"}, args...), strings.NewReader(stdin), &out, &errb)
	return result{code, out.String(), errb.String()}
}

func files(t *testing.T, contents ...string) []string {
	t.Helper()
	dir := t.TempDir()
	var paths []string
	for i, c := range contents {
		p := filepath.Join(dir, string(rune('a'+i))+".txt")
		if err := os.WriteFile(p, []byte(c), 0o644); err != nil {
			t.Fatal(err)
		}
		paths = append(paths, p)
	}
	return paths
}

const (
	textA = "The two leaders discussed trade and investment.\n\nThey agreed to resume military communication.\n\nThe talks were candid.\n"
	textB = "The two leaders discussed trade and investment.\n\nThey agreed to restore military communication.\n\nThe talks were candid.\n"
)

func TestCompareExitCodes(t *testing.T) {
	t.Setenv("NO_COLOR", "1")
	p := files(t, textA, textB)
	tests := []struct {
		name string
		args []string
		code int
		out  []string // substrings of stdout
		err  []string // substrings of stderr
	}{
		{"differences without --exit-code", []string{"compare", p[0], p[1]}, 0,
			[]string{"~ They agreed to [-resume-]{+restore+} military communication.", "1 changed", "2 same"}, nil},
		{"differences with --exit-code", []string{"compare", "--exit-code", p[0], p[1]}, 1, nil, nil},
		{"flags after the arguments", []string{"compare", p[0], p[1], "--exit-code"}, 1, nil, nil},
		{"no differences", []string{"compare", "--exit-code", p[0], p[0]}, 0, []string{"3 same"}, nil},
		{"missing file", []string{"compare", p[0], "/nonexistent/x.md"}, 2, nil,
			[]string{"clausediff: fetch: open /nonexistent/x.md: no such file or directory"}},
		{"one input", []string{"compare", p[0]}, 2, nil, []string{"clausediff: compare needs two inputs, got 1", "--help"}},
		{"unknown flag", []string{"compare", "--bogus", p[0], p[1]}, 2, nil, []string{"clausediff: ", "bogus"}},
		{"bad format", []string{"compare", "--format", "pdf", p[0], p[1]}, 2, nil, []string{`--format "pdf"`}},
		{"bad unit", []string{"compare", "--unit", "word", p[0], p[1]}, 2, nil, []string{`--unit "word"`}},
		{"bad threshold", []string{"compare", "--threshold", "1.5", p[0], p[1]}, 2, nil, []string{"--threshold 1.5"}},
		{"bad color", []string{"compare", "--color", "sometimes", p[0], p[1]}, 2, nil, []string{`--color "sometimes"`}},
		{"two stdins", []string{"compare", "-", "-"}, 2, nil, []string{"only one input can be standard input"}},
		{"unknown command", []string{"frobnicate"}, 2, nil, []string{"clausediff:"}},
		{"version", []string{"--version"}, 0, []string{version}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := runCLI(t, "", tt.args...)
			if r.code != tt.code {
				t.Errorf("exit %d, want %d\nstdout: %s\nstderr: %s", r.code, tt.code, r.stdout, r.stderr)
			}
			for _, w := range tt.out {
				if !strings.Contains(r.stdout, w) {
					t.Errorf("stdout lacks %q:\n%s", w, r.stdout)
				}
			}
			for _, w := range tt.err {
				if !strings.Contains(r.stderr, w) {
					t.Errorf("stderr lacks %q:\n%s", w, r.stderr)
				}
			}
			if tt.code == 2 && r.stdout != "" {
				t.Errorf("an error wrote to stdout: %q", r.stdout)
			}
		})
	}
}

func TestCompareStdinAndJSON(t *testing.T) {
	p := files(t, textB)
	r := runCLI(t, textA, "compare", "-", p[0], "--format", "json")
	if r.code != 0 {
		t.Fatalf("exit %d: %s", r.code, r.stderr)
	}
	var out struct {
		Version int
		A       struct {
			Source   string
			SHA256   string
			Segments []struct {
				ID   int
				Line int
				Text string
			}
		}
		Pairs []struct {
			Kind string
			A, B []int
			Diff []struct{ Op, Text string }
		}
		Summary struct{ Changed, Same int }
	}
	if err := json.Unmarshal([]byte(r.stdout), &out); err != nil {
		t.Fatalf("bad JSON: %v\n%s", err, r.stdout)
	}
	if out.Version != 1 || out.A.Source != "-" || len(out.A.SHA256) != 64 {
		t.Errorf("header: %+v", out)
	}
	if len(out.A.Segments) != 3 || out.A.Segments[1].Line != 3 {
		t.Errorf("segments: %+v", out.A.Segments)
	}
	if out.Summary.Changed != 1 || out.Summary.Same != 2 || len(out.Pairs) != 3 || out.Pairs[1].Kind != "changed" {
		t.Errorf("pairs: %+v summary %+v", out.Pairs, out.Summary)
	}
}

func TestCompareOutputFile(t *testing.T) {
	p := files(t, textA, textB)
	dir := t.TempDir()
	out := filepath.Join(dir, "report.json")
	r := runCLI(t, "", "compare", p[0], p[1], "-o", out)
	if r.code != 0 || r.stdout != "" {
		t.Fatalf("exit %d, stdout %q, stderr %s", r.code, r.stdout, r.stderr)
	}
	data, err := os.ReadFile(out)
	if err != nil || !json.Valid(data) {
		t.Fatalf("report.json: %v, valid %v", err, json.Valid(data))
	}
	// A failed run leaves an existing report alone and no temporary files.
	r = runCLI(t, "", "compare", p[0], "/nonexistent/b.txt", "-o", out)
	if r.code != 2 {
		t.Fatalf("exit %d", r.code)
	}
	if again, _ := os.ReadFile(out); !bytes.Equal(again, data) {
		t.Error("failed run changed the report")
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 1 {
		t.Errorf("left behind: %v", entries)
	}
	for _, bad := range []string{filepath.Join(dir, "report.xyz"), "/nonexistent/dir/r.json"} {
		if r := runCLI(t, "", "compare", p[0], p[1], "-o", bad); r.code != 2 || !strings.Contains(r.stderr, filepath.Base(bad)) {
			t.Errorf("-o %s: exit %d, stderr %q", bad, r.code, r.stderr)
		}
	}
	txt := filepath.Join(dir, "report.txt")
	if r := runCLI(t, "", "compare", p[0], p[1], "-o", txt); r.code != 0 {
		t.Errorf("-o report.txt: exit %d: %s", r.code, r.stderr)
	}
	if data, _ := os.ReadFile(txt); !strings.Contains(string(data), "[-resume-]") || strings.Contains(string(data), "\x1b[") {
		t.Errorf("text report file:\n%s", data)
	}
}

func TestCompareColor(t *testing.T) {
	p := files(t, textA, textB)
	t.Setenv("NO_COLOR", "")
	if r := runCLI(t, "", "compare", p[0], p[1]); strings.Contains(r.stdout, "\x1b[") {
		t.Error("colour on a non-terminal")
	}
	r := runCLI(t, "", "compare", "--color", "always", p[0], p[1])
	if !strings.Contains(r.stdout, "\x1b[31;9mresume\x1b[0m") || strings.Contains(r.stdout, "[-resume-]") {
		t.Errorf("--color always:\n%q", r.stdout)
	}
	r = runCLI(t, "", "compare", "--color", "never", "--changes-only", p[0], p[1])
	if strings.Contains(r.stdout, "The talks were candid.") || !strings.Contains(r.stdout, "[-resume-]") {
		t.Errorf("--changes-only:\n%s", r.stdout)
	}
}

// The text report fits an 80-column terminal.
func TestCompareWidth(t *testing.T) {
	long := strings.Repeat("The delegation reviewed the agreement on cooperation in detail. ", 6) + "\n"
	p := files(t, long, strings.Replace(long, "reviewed", "examined", 2))
	for _, w := range []int{80, 40} {
		r := runCLI(t, "", "compare", "--color", "never", "--width", string(rune('0'+w/10))+"0", p[0], p[1])
		for _, line := range strings.Split(r.stdout, "\n") {
			if n := len([]rune(line)); n > w && !strings.HasPrefix(line, "---") && !strings.HasPrefix(line, "+++") {
				t.Errorf("width %d: line of %d columns: %q", w, n, line)
			}
		}
	}
}
