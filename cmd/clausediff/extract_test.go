package main

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// clausediff runs the program in-process with a fresh, empty config dir.
func clausediff(t *testing.T, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	t.Setenv("XDG_CONFIG_HOME", t.TempDir())
	t.Setenv("HOME", t.TempDir())
	var out, errb bytes.Buffer
	code = run(context.Background(), append([]string{"clausediff"}, args...), strings.NewReader(""), &out, &errb)
	return code, out.String(), errb.String()
}

const pageA = `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">
<title>Readout of the Minister's meeting - Ministry</title>
<meta property="article:published_time" content="2024-05-02T10:00:00Z">
<link rel="canonical" href="https://mfa.example.gov/readouts/meeting"></head>
<body><nav><a href="/">Home</a> <a href="/news">News</a></nav>
<div class="cookie-banner"><p>We use cookies on this site to make it work better for you.</p><button>OK</button></div>
<main><article><h1>Readout of the Minister's meeting</h1>
<p>The Minister met today with her counterpart from Westland to discuss trade, energy and the situation in the region.</p>
<h2>Trade</h2>
<p>The ministers agreed to open negotiations on a new trade agreement covering agricultural goods and services before the end of the year.</p>
<p>They also discussed energy security and the construction of the new interconnector between the two national grids.</p>
<div class="share-tools"><a href="#">Share on X</a> <a href="#">Share on Facebook</a></div>
</article></main><footer><p>Ministry of Foreign Affairs</p></footer></body></html>`

// pageB is pageA revised: one sentence changed, one added.
var pageB = strings.Replace(strings.Replace(pageA, "before the end of the year", "early next year", 1),
	"</p>\n<div class=\"share-tools\">", "</p>\n<p>The ministers will meet again in June.</p>\n<div class=\"share-tools\">", 1)

const shellPage = `<html><head><title>Statement</title></head><body><div id="app">Loading…</div></body></html>`

func newsroom(t *testing.T) *httptest.Server {
	t.Helper()
	s := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/a":
			w.Header().Set("Content-Type", "text/html; charset=utf-8")
			io.WriteString(w, pageA)
		case "/moved":
			http.Redirect(w, r, "/a", http.StatusFound)
		case "/b":
			w.Header().Set("Content-Type", "text/html; charset=utf-8")
			io.WriteString(w, pageB)
		case "/shell":
			w.Header().Set("Content-Type", "text/html")
			io.WriteString(w, shellPage)
		case "/report.pdf":
			w.Header().Set("Content-Type", "application/pdf")
			io.WriteString(w, "%PDF-1.4\n")
		case "/busy":
			w.WriteHeader(http.StatusServiceUnavailable)
		default:
			http.NotFound(w, r)
		}
	}))
	t.Cleanup(s.Close)
	return s
}

func TestExtractText(t *testing.T) {
	s := newsroom(t)
	code, out, errs := clausediff(t, "extract", s.URL+"/a")
	if code != 0 || errs != "" {
		t.Fatalf("exit %d, stderr %q", code, errs)
	}
	want := "The Minister met today with her counterpart from Westland to discuss trade, energy and the situation in the region.\n\n" +
		"Trade\n\n" +
		"The ministers agreed to open negotiations on a new trade agreement covering agricultural goods and services before the end of the year.\n\n" +
		"They also discussed energy security and the construction of the new interconnector between the two national grids.\n"
	if out != want {
		t.Errorf("text:\n%s\nwant:\n%s", out, want)
	}
	code, out, _ = clausediff(t, "extract", "--format", "md", s.URL+"/a")
	if code != 0 || !strings.Contains(out, "\n\n## Trade\n\n") {
		t.Errorf("md: exit %d\n%s", code, out)
	}
}

func TestExtractJSON(t *testing.T) {
	s := newsroom(t)
	before := time.Now().UTC().Add(-time.Second)
	code, out, errs := clausediff(t, "extract", "--format", "json", s.URL+"/moved")
	if code != 0 || errs != "" {
		t.Fatalf("exit %d, stderr %q", code, errs)
	}
	var j struct {
		Source, Title, Published, Canonical, Language, URL, ContentType, Retrieved, SHA256, Method, Charset string
		Status, Words                                                                                       int
		Warnings                                                                                            []string
		Paragraphs                                                                                          []struct{ Kind, Text string }
	}
	dec := json.NewDecoder(strings.NewReader(out))
	if err := dec.Decode(&j); err != nil {
		t.Fatal(err)
	}
	var raw map[string]any
	json.Unmarshal([]byte(out), &raw)
	sum := sha256.Sum256([]byte(pageA))
	if j.Source != s.URL+"/moved" || j.URL != s.URL+"/a" || j.Status != 200 || raw["content_type"] != "text/html; charset=utf-8" ||
		j.Title != "Readout of the Minister's meeting" || j.Published != "2024-05-02T10:00:00Z" || j.Canonical != "https://mfa.example.gov/readouts/meeting" ||
		j.Language != "en" || raw["sha256"] != hex.EncodeToString(sum[:]) || raw["method"] != "readability+rules" || j.Warnings == nil || len(j.Warnings) != 0 {
		t.Errorf("json:\n%s", out)
	}
	rt, err := time.Parse(time.RFC3339, raw["retrieved"].(string))
	if err != nil || rt.Before(before) || rt.After(time.Now().Add(time.Second)) {
		t.Errorf("retrieved %v (%v)", raw["retrieved"], err)
	}
	if len(j.Paragraphs) != 4 || j.Paragraphs[1].Kind != "h" || j.Paragraphs[1].Text != "Trade" {
		t.Errorf("paragraphs %+v", j.Paragraphs)
	}
}

func TestExtractNearEmpty(t *testing.T) {
	s := newsroom(t)
	code, out, errs := clausediff(t, "extract", "--format", "json", s.URL+"/shell")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	if !strings.Contains(errs, "clausediff: warning: "+s.URL+"/shell: extraction yielded only 1 words") {
		t.Errorf("stderr %q", errs)
	}
	var j struct{ Warnings []string }
	json.Unmarshal([]byte(out), &j)
	if len(j.Warnings) != 1 || !strings.Contains(j.Warnings[0], "only 1 words") {
		t.Errorf("json warnings %q", j.Warnings)
	}
}

func TestExtractErrors(t *testing.T) {
	s := newsroom(t)
	for _, c := range []struct {
		args []string
		want string
	}{
		{[]string{s.URL + "/missing"}, "clausediff: fetch: GET " + s.URL + "/missing: 404 Not Found (1 attempt)\n"},
		{[]string{"--retries", "1", s.URL + "/busy"}, "clausediff: fetch: GET " + s.URL + "/busy: 503 Service Unavailable (2 attempts)\n"},
		{[]string{s.URL + "/report.pdf"}, "clausediff: fetch: GET " + s.URL + "/report.pdf: not supported yet: application/pdf\n"},
		{[]string{"file:///etc/hostname"}, "clausediff: fetch: GET file:///etc/hostname: unsupported URL scheme \"file:\": only http and https are fetched\n"},
		{[]string{"ftp://example.org/x"}, "unsupported URL scheme \"ftp:\""},
		{[]string{"--format", "xml", s.URL + "/a"}, "--format \"xml\": want one of text, md, json"},
		{[]string{"--extractor", "magic", s.URL + "/a"}, "--extractor \"magic\""},
		{[]string{"--disable-rule", "nonsense", s.URL + "/a"}, "--disable-rule \"nonsense\""},
		{[]string{"--url", "https://x.org/", s.URL + "/a"}, "--url is for saved pages"},
		{[]string{"--profiles", "/nonexistent/profiles.conf", s.URL + "/a"}, "clausediff: profiles /nonexistent/profiles.conf: no such file or directory"},
		{[]string{"a", "b"}, "extract needs one input, got 2"},
	} {
		code, out, errs := clausediff(t, append([]string{"extract"}, c.args...)...)
		if code != exitError || out != "" || !strings.Contains(errs, c.want) {
			t.Errorf("%q: exit %d, stdout %q, stderr %q; want stderr with %q", c.args, code, out, errs, c.want)
		}
	}
}

func TestExtractSavedPageWithProfile(t *testing.T) {
	dir := t.TempDir()
	page := filepath.Join(dir, "saved.html")
	os.WriteFile(page, []byte(pageA), 0o644)
	prof := filepath.Join(dir, "profiles.conf")
	os.WriteFile(prof, []byte("[mfa]\nmatch = mfa.example.gov/readouts/\nbody = article p\ntitle = h1\n"), 0o644)

	// The canonical link names the page; --url overrides it.
	code, out, errs := clausediff(t, "extract", "--format", "json", "--profiles", prof, page)
	if code != 0 || !strings.Contains(out, `"method": "profile:mfa"`) {
		t.Errorf("by canonical: exit %d %s %s", code, out, errs)
	}
	code, out, _ = clausediff(t, "extract", "--format", "json", "--profiles", prof, "--url", "https://other.example.org/x", page)
	if code != 0 || !strings.Contains(out, `"method": "readability+rules"`) {
		t.Errorf("--url elsewhere: exit %d %s", code, out)
	}
	// The user's config dir is read when --profiles is not given.
	cfg := t.TempDir()
	os.MkdirAll(filepath.Join(cfg, "clausediff"), 0o755)
	os.WriteFile(filepath.Join(cfg, "clausediff", "profiles.conf"), []byte("[mine]\nmatch = mfa.example.gov\nbody = h2\n"), 0o644)
	var o, e bytes.Buffer
	t.Setenv("XDG_CONFIG_HOME", cfg)
	code = run(context.Background(), []string{"clausediff", "extract", page}, nil, &o, &e)
	if code != 0 || o.String() != "Trade\n" {
		t.Errorf("config dir profile: exit %d, stdout %q, stderr %q", code, o.String(), e.String())
	}
	// --selector overrides everything.
	code, out, _ = clausediff(t, "extract", "--selector", "nav a", page)
	if code != 0 || out != "Home\n\nNews\n" {
		t.Errorf("--selector: exit %d, %q", code, out)
	}
}

func TestCompareURLs(t *testing.T) {
	s := newsroom(t)
	code, out, errs := clausediff(t, "compare", "--format", "json", s.URL+"/a", s.URL+"/b")
	if code != 0 || errs != "" {
		t.Fatalf("exit %d, stderr %q", code, errs)
	}
	var j struct {
		A struct {
			URL    string
			Status int
		}
		Summary struct {
			Changed int
			OnlyB   int `json:"only_b"`
			Same    int
		}
	}
	if err := json.Unmarshal([]byte(out), &j); err != nil {
		t.Fatal(err)
	}
	if j.A.URL != s.URL+"/a" || j.A.Status != 200 || j.Summary.Changed != 1 || j.Summary.OnlyB != 1 || j.Summary.Same < 2 {
		t.Errorf("a %+v summary %+v", j.A, j.Summary)
	}
}

func TestCompareRefusesNearEmpty(t *testing.T) {
	s := newsroom(t)
	code, out, errs := clausediff(t, "compare", s.URL+"/a", s.URL+"/shell")
	if code != exitError || out != "" || !strings.Contains(errs, "clausediff: "+s.URL+"/shell: only 1 words of text were extracted") || !strings.Contains(errs, "--allow-empty") {
		t.Errorf("exit %d, stdout %q, stderr %q", code, out, errs)
	}
	code, out, errs = clausediff(t, "compare", "--allow-empty", "--color", "never", s.URL+"/a", s.URL+"/shell")
	if code != 0 || !strings.Contains(out, "warning: B: extraction yielded only 1 words") {
		t.Errorf("--allow-empty: exit %d, stdout %q, stderr %q", code, out, errs)
	}
	// With a JSON report, the warning goes to stderr too.
	code, _, errs = clausediff(t, "compare", "--allow-empty", "--format", "json", s.URL+"/a", s.URL+"/shell")
	if code != 0 || !strings.Contains(errs, "clausediff: warning: "+s.URL+"/shell: extraction yielded only 1 words") {
		t.Errorf("--allow-empty json: exit %d, stderr %q", code, errs)
	}
}

func TestVersion(t *testing.T) {
	code, out, _ := clausediff(t, "--version")
	if code != 0 || !strings.Contains(out, version) {
		t.Errorf("exit %d, %q", code, out)
	}
	if ua := userAgent(); !strings.HasPrefix(ua, "clausediff/"+version+" ") {
		t.Errorf("User-Agent %q", ua)
	}
}
