package fetch

import (
	nurl "net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

const profilesFile = `# clausediff site profiles
[examplia-mfa]
match = mfa.example.gov/en/news/statements/*
match = https://www.mfa.example.gov/fr/
body  = article.statement .statement-body
title = article h1
date  = .article-meta .date
drop  = blockquote
drop  = figure

; another
[examplia-all]
match = example.gov
body = main
`

func TestParseProfiles(t *testing.T) {
	ps, err := ParseProfiles("p.conf", strings.NewReader(profilesFile))
	if err != nil {
		t.Fatal(err)
	}
	if len(ps) != 2 {
		t.Fatalf("%d profiles", len(ps))
	}
	p := ps[0]
	if p.Name != "examplia-mfa" || p.Origin != "p.conf:2" || len(p.Match) != 2 || p.Match[1] != "www.mfa.example.gov/fr/" ||
		p.Body != "article.statement .statement-body" || p.Title != "article h1" || p.Date != ".article-meta .date" || len(p.Drop) != 2 {
		t.Errorf("profile %+v", p)
	}
}

func TestParseProfilesErrors(t *testing.T) {
	for in, want := range map[string]string{
		"body = x\n":                            "p.conf:1: body outside a [profile] section",
		"[a]\nmatch = x.org\nbody = p\nfoo = 1": "p.conf:4: unknown key \"foo\"",
		"[a]\nmatch = x.org\n":                  "profile [a] (p.conf:1): no body selector",
		"[a]\nbody = p\n":                       "profile [a] (p.conf:1) has no match line",
		"[a b]\n":                               "p.conf:1: bad profile name",
		"[a]\nmatch = x.org\nbody = p[[\n":      "body \"p[[\"",
		"[a]\nmatch = x.org\nbody =\n":          "p.conf:3: body: empty value",
		"[a\n":                                  "p.conf:1: want [name]",
		"[a]\nmatch x.org\n":                    "p.conf:2: want key = value",
		"[a]\nmatch = x.org\nbody = p\ndrop = :nope(\n": "drop \":nope(\"",
	} {
		_, err := ParseProfiles("p.conf", strings.NewReader(in))
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("%q: error %v, want %q", in, err, want)
		}
	}
}

func TestLoadProfiles(t *testing.T) {
	dir := t.TempDir()
	if ps, err := LoadProfiles(filepath.Join(dir, "none.conf"), true); err != nil || ps != nil {
		t.Errorf("optional missing file: %v %v", ps, err)
	}
	if _, err := LoadProfiles(filepath.Join(dir, "none.conf"), false); err == nil || !strings.Contains(err.Error(), "no such file") {
		t.Errorf("missing file: %v", err)
	}
	path := filepath.Join(dir, "p.conf")
	os.WriteFile(path, []byte(profilesFile), 0o644)
	if ps, err := LoadProfiles(path, false); err != nil || len(ps) != 2 {
		t.Errorf("%v %v", ps, err)
	}
}

func TestProfileMatch(t *testing.T) {
	ps, err := ParseProfiles("p.conf", strings.NewReader(profilesFile))
	if err != nil {
		t.Fatal(err)
	}
	for u, want := range map[string]string{
		"https://mfa.example.gov/en/news/statements/2024/03/x":         "examplia-mfa",
		"https://www.mfa.example.gov/en/news/statements/2024/03/x":     "examplia-mfa", // subdomain
		"https://www.mfa.example.gov/fr/declarations/1":                "examplia-mfa",
		"https://mfa.example.gov/en/news/other/1":                      "examplia-all",
		"https://example.gov/":                                         "examplia-all",
		"https://notexample.gov/":                                      "",
		"https://example.gov.evil.org/":                                "",
		"https://web.archive.org/web/2019/https://example.gov/a":       "examplia-all", // Wayback capture
		"https://web.archive.org/web/2019id_/www.mfa.example.gov/fr/x": "examplia-mfa",
	} {
		pu, _ := nurl.Parse(u)
		got := ""
		if p := findProfile(ExtractOptions{Profiles: ps, NoProfiles: true}, pu); p != nil {
			got = p.Name
		}
		if got != want {
			t.Errorf("%s: profile %q, want %q", u, got, want)
		}
	}
	// Built-in profiles, by the URLs of the saved pages.
	for u, want := range map[string]string{
		"http://www.xinhuanet.com/local/2020-02/19/c_1125597921.htm":                              "xinhuanet",
		"http://www.xinhuanet.com/local/2020-02/19/index.htm":                                     "",
		"https://obamawhitehouse.archives.gov/the-press-office/2015/04/11/weekly-address-tuition": "obamawhitehouse",
		"https://www.whitehouse.gov/briefing-room/statements-releases/":                           "",
	} {
		pu, _ := nurl.Parse(u)
		got := ""
		if p := findProfile(ExtractOptions{}, pu); p != nil {
			got = p.Name
		}
		if got != want {
			t.Errorf("built-in for %s: %q, want %q", u, got, want)
		}
	}
}

func TestGlobMatch(t *testing.T) {
	for _, c := range []struct {
		pat, s string
		want   bool
	}{
		{"news", "news", true}, {"news", "news/a", true}, {"news", "newsroom", false}, {"news/", "news/a", true},
		{"*/c_*.htm", "local/2020-02/19/c_1.htm", true}, {"*/c_*.htm", "local/c_1.html", false},
		{"a*b*c", "axxbyyc", true}, {"a*b*c", "axxcyyb", false}, {"*", "", true},
	} {
		if got := globMatch(c.pat, c.s); got != c.want {
			t.Errorf("globMatch(%q, %q) = %v", c.pat, c.s, got)
		}
	}
}

// TestUserProfile: a user's profile takes the statement from the page by
// its selectors, drops what it says, and reads title and date.
func TestUserProfile(t *testing.T) {
	ps, err := ParseProfiles("p.conf", strings.NewReader(profilesFile))
	if err != nil {
		t.Fatal(err)
	}
	raw, err := os.ReadFile(filepath.Join("testdata", "pages", "ministry-statement.html"))
	if err != nil {
		t.Fatal(err)
	}
	d, err := ParseHTML("m.html", raw, "", ExtractOptions{Profiles: ps, URL: "https://mfa.example.gov/en/news/statements/2024/03/northern-fisheries"})
	if err != nil {
		t.Fatal(err)
	}
	if d.Method != "profile:examplia-mfa" || d.Title != "Statement by the Minister on the Northern Fisheries Agreement" || d.Published != "14 March 2024" {
		t.Errorf("method %q title %q published %q", d.Method, d.Title, d.Published)
	}
	if strings.Contains(d.Text, "grandchildren") || strings.Contains(d.Text, "harbour hall") || !strings.Contains(d.Text, "Protecting coastal communities") {
		t.Errorf("drop rules not applied:\n%s", d.Text)
	}
	// With no URL, the page's canonical link selects the profile.
	d, _ = ParseHTML("m.html", raw, "", ExtractOptions{Profiles: ps})
	if d.Method != "profile:examplia-mfa" {
		t.Errorf("by canonical: method %q", d.Method)
	}
	// A profile whose body selector matches nothing warns and falls back.
	bad, _ := ParseProfiles("bad.conf", strings.NewReader("[gone]\nmatch = mfa.example.gov\nbody = .old-template-body\n"))
	d, _ = ParseHTML("m.html", raw, "", ExtractOptions{Profiles: bad})
	if d.Method != MethodRules || len(d.Warnings) != 1 || !strings.Contains(d.Warnings[0], `profile gone (bad.conf:1): body selector ".old-template-body" matched nothing`) {
		t.Errorf("method %q warnings %q", d.Method, d.Warnings)
	}
	if !strings.Contains(d.Text, "Northern Fisheries Agreement") {
		t.Errorf("fallback lost the statement")
	}
	// --selector beats a matching profile.
	d, _ = ParseHTML("m.html", raw, "", ExtractOptions{Profiles: ps, Selector: "blockquote"})
	if d.Method != MethodSelector || !strings.HasPrefix(d.Text, "“A fair agreement") {
		t.Errorf("selector over profile: method %q text %q", d.Method, d.Text)
	}
}

// TestReadmeProfilesExample keeps the README's example profiles file valid.
func TestReadmeProfilesExample(t *testing.T) {
	b, err := os.ReadFile(filepath.Join("..", "README.md"))
	if err != nil {
		t.Fatal(err)
	}
	s := string(b)
	i := strings.Index(s, "    # clausediff site profiles")
	j := strings.Index(s, "(The selectors above")
	if i < 0 || j < i {
		t.Fatal("README: example profiles file not found")
	}
	var lines []string
	for _, l := range strings.Split(s[i:j], "\n") {
		lines = append(lines, strings.TrimPrefix(l, "    "))
	}
	ps, err := ParseProfiles("README.md", strings.NewReader(strings.Join(lines, "\n")))
	if err != nil || len(ps) != 1 || len(ps[0].Match) != 2 || ps[0].Date != "time" {
		t.Errorf("README example: %v %+v", err, ps)
	}
}
