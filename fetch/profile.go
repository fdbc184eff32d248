package fetch

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	nurl "net/url"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync"

	"github.com/andybalholm/cascadia"
	"golang.org/x/net/html"
)

// Profile tells where the statement stands on the pages of one site: CSS
// selectors for its body, title and date, and elements to drop.
type Profile struct {
	Name   string
	Match  []string // host[/path] patterns: the host matches itself and its subdomains; * in the path matches anything
	Body   string   // CSS selector of the statement's body (every match, in page order)
	Title  string   // CSS selector of the title (first match)
	Date   string   // CSS selector of the publication date (first match; its datetime attribute, else its text)
	Drop   []string // CSS selectors of elements inside the body to leave out
	Origin string   // where the profile was defined: "built-in" or file:line

	body, title, date cascadia.SelectorGroup
	drop              []cascadia.SelectorGroup
	compiled          bool
}

// builtinProfiles are proven by real saved pages (see the tests, which read
// them from ../shared/pages). Add one only with such a page.
var builtinProfiles = sync.OnceValue(func() []*Profile {
	ps := []*Profile{
		{
			// Xinhua's 2017-2020 article template (www.xinhuanet.com and its
			// regional channels: c_<id>.htm pages).
			Name:  "xinhuanet",
			Match: []string{"xinhuanet.com/*/c_*.htm"},
			Body:  "#p-detail",
			Title: ".h-title",
			Date:  ".h-time",
			// Inside the body: the photo gallery box ("图集"), the like
			// button ("+1"), and the tags, corrections link and editor line.
			Drop: []string{".lb", ".zan-wap", ".p-tags"},
		},
		{
			// The archived Obama White House (Drupal) press office and blog.
			Name:  "obamawhitehouse",
			Match: []string{"obamawhitehouse.archives.gov"},
			Body:  ".field-name-field-forall-body, .field-name-field-transcript",
			Title: ".pane-node-title h1",
			Date:  ".press-article-date",
			Drop:  []string{".link-weekly-address"}, // "MP4" / "MP3" download links
		},
	}
	for _, p := range ps {
		p.Origin = "built-in"
		if err := p.compile(); err != nil {
			panic("built-in profile " + p.Name + ": " + err.Error())
		}
	}
	return ps
})

func (p *Profile) compile() error {
	if p.compiled {
		return nil
	}
	var err error
	if strings.TrimSpace(p.Body) == "" {
		return errors.New("no body selector")
	}
	if p.body, err = cascadia.ParseGroup(p.Body); err != nil {
		return fmt.Errorf("body %q: %w", p.Body, err)
	}
	if p.Title != "" {
		if p.title, err = cascadia.ParseGroup(p.Title); err != nil {
			return fmt.Errorf("title %q: %w", p.Title, err)
		}
	}
	if p.Date != "" {
		if p.date, err = cascadia.ParseGroup(p.Date); err != nil {
			return fmt.Errorf("date %q: %w", p.Date, err)
		}
	}
	p.drop = p.drop[:0]
	for _, d := range p.Drop {
		g, err := cascadia.ParseGroup(d)
		if err != nil {
			return fmt.Errorf("drop %q: %w", d, err)
		}
		p.drop = append(p.drop, g)
	}
	p.compiled = true
	return nil
}

// matches reports whether the profile applies to u, and how specific the
// matching pattern is (longer is more specific).
func (p *Profile) matches(u *nurl.URL) (bool, int) {
	host := strings.ToLower(u.Hostname())
	best, ok := 0, false
	for _, pat := range p.Match {
		ph, pp, _ := strings.Cut(strings.ToLower(pat), "/")
		ph = strings.TrimPrefix(ph, "*.")
		if host != ph && !strings.HasSuffix(host, "."+ph) {
			continue
		}
		if pp != "" && !globMatch(pp, strings.TrimPrefix(u.EscapedPath(), "/")) {
			continue
		}
		ok = true
		best = max(best, len(pat))
	}
	return ok, best
}

// globMatch matches s against pattern, where * stands for any run of
// characters (slashes included). A pattern without * matches s and
// anything under it as a path prefix.
func globMatch(pattern, s string) bool {
	if !strings.Contains(pattern, "*") {
		return s == pattern || strings.HasPrefix(s, strings.TrimSuffix(pattern, "/")+"/")
	}
	parts := strings.Split(pattern, "*")
	if !strings.HasPrefix(s, parts[0]) {
		return false
	}
	s = s[len(parts[0]):]
	for i, part := range parts[1:] {
		if i == len(parts)-2 {
			return strings.HasSuffix(s, part)
		}
		j := strings.Index(s, part)
		if j < 0 {
			return false
		}
		s = s[j+len(part):]
	}
	return true
}

// findProfile picks the profile for a page: the user's first, then the
// built-in ones; among those that match, the most specific.
func findProfile(opt ExtractOptions, u *nurl.URL) *Profile {
	if u == nil {
		return nil
	}
	if orig := unwrapWayback(u); orig != nil {
		u = orig
	}
	pick := func(ps []*Profile) *Profile {
		var best *Profile
		bestLen := -1
		for _, p := range ps {
			if ok, n := p.matches(u); ok && n > bestLen {
				best, bestLen = p, n
			}
		}
		return best
	}
	if p := pick(opt.Profiles); p != nil {
		return p
	}
	if opt.NoProfiles {
		return nil
	}
	return pick(builtinProfiles())
}

// unwrapWayback returns the original URL of a Wayback Machine address
// (https://web.archive.org/web/20120611024252/http://example.org/...), or nil.
func unwrapWayback(u *nurl.URL) *nurl.URL {
	if !strings.EqualFold(u.Hostname(), "web.archive.org") {
		return nil
	}
	rest, ok := strings.CutPrefix(u.Path, "/web/")
	if !ok {
		return nil
	}
	_, orig, ok := strings.Cut(rest, "/")
	if !ok {
		return nil
	}
	if !strings.Contains(orig, "://") {
		orig = "http://" + orig
	}
	o, err := nurl.Parse(orig)
	if err != nil || o.Host == "" {
		return nil
	}
	return o
}

// extract takes the statement from the page by the profile's selectors.
// It returns no blocks, and a warning, when the body selector matches
// nothing.
func (p *Profile) extract(root *html.Node, meta *pageMeta) ([]Block, []string) {
	if err := p.compile(); err != nil {
		return nil, []string{fmt.Sprintf("profile %s: %v", p.Name, err)}
	}
	nodes := cascadia.QueryAll(root, p.body)
	// Keep the outermost matches only: a match inside another is already
	// part of it.
	var outer []*html.Node
	for _, n := range nodes {
		inside := false
		for _, o := range outer {
			if contains(o, n) {
				inside = true
				break
			}
		}
		if !inside {
			outer = append(outer, n)
		}
	}
	if len(outer) == 0 {
		return nil, []string{fmt.Sprintf("profile %s (%s): body selector %q matched nothing", p.Name, p.Origin, p.Body)}
	}
	dropped := map[*html.Node]bool{}
	for _, g := range p.drop {
		for _, n := range cascadia.QueryAll(root, g) {
			dropped[n] = true
		}
	}
	skip := func(n *html.Node) bool { return dropped[n] }
	var blocks []Block
	for _, n := range outer {
		blocks = append(blocks, nodeBlocks(n, skip)...)
	}
	var warns []string
	if p.title != nil {
		if n := cascadia.Query(root, p.title); n != nil {
			if t := collapse(textOf(n)); t != "" {
				meta.Title = t
			}
		}
	}
	if p.date != nil {
		if n := cascadia.Query(root, p.date); n != nil {
			d := strings.TrimSpace(attr(n, "datetime"))
			if d == "" {
				d = collapse(textOf(n))
			}
			if d != "" {
				meta.Published = d
			}
		} else {
			warns = append(warns, fmt.Sprintf("profile %s: date selector %q matched nothing", p.Name, p.Date))
		}
	}
	if len(blocks) == 0 {
		warns = append(warns, fmt.Sprintf("profile %s (%s): body selector %q matched only empty elements", p.Name, p.Origin, p.Body))
	}
	return blocks, warns
}

func contains(outer, n *html.Node) bool {
	for ; n != nil; n = n.Parent {
		if n == outer {
			return true
		}
	}
	return false
}

// ProfilesFileName is the name of the user's profiles file in the
// clausediff folder of the user config dir.
const ProfilesFileName = "profiles.conf"

// UserProfilesPath returns where the user's profiles file is looked for
// ($XDG_CONFIG_HOME/clausediff/profiles.conf on Linux).
func UserProfilesPath() (string, error) {
	dir, err := os.UserConfigDir()
	if err != nil {
		return "", err
	}
	return filepath.Join(dir, "clausediff", ProfilesFileName), nil
}

// LoadProfiles reads a profiles file. If optional is true, a missing file is
// no error.
func LoadProfiles(path string, optional bool) ([]*Profile, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		if optional && errors.Is(err, os.ErrNotExist) {
			return nil, nil
		}
		var pe *os.PathError
		if errors.As(err, &pe) {
			err = pe.Err
		}
		return nil, fmt.Errorf("profiles %s: %w", path, err)
	}
	return ParseProfiles(path, bytes.NewReader(b))
}

var profileNameRE = regexp.MustCompile(`^[A-Za-z0-9][A-Za-z0-9._-]*$`)

// ParseProfiles reads profiles in the format:
//
//	# comment
//	[name]
//	match = example.gov/news/*      (one or more)
//	body  = article .body           (required)
//	title = h1                      (optional)
//	date  = time                    (optional)
//	drop  = .share, .related        (zero or more)
//
// name names the file in errors.
func ParseProfiles(name string, r io.Reader) ([]*Profile, error) {
	var ps []*Profile
	var cur *Profile
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 64<<10), 1<<20)
	line := 0
	fail := func(format string, a ...any) error {
		return fmt.Errorf("profiles %s:%d: %s", name, line, fmt.Sprintf(format, a...))
	}
	finish := func() error {
		if cur == nil {
			return nil
		}
		if len(cur.Match) == 0 {
			return fmt.Errorf("profiles %s: profile [%s] (%s) has no match line", name, cur.Name, cur.Origin)
		}
		if err := cur.compile(); err != nil {
			return fmt.Errorf("profiles %s: profile [%s] (%s): %w", name, cur.Name, cur.Origin, err)
		}
		ps = append(ps, cur)
		return nil
	}
	for sc.Scan() {
		line++
		s := strings.TrimSpace(sc.Text())
		if line == 1 {
			s = strings.TrimPrefix(s, "\uFEFF")
		}
		if s == "" || strings.HasPrefix(s, "#") || strings.HasPrefix(s, ";") {
			continue
		}
		if strings.HasPrefix(s, "[") {
			if !strings.HasSuffix(s, "]") {
				return nil, fail("want [name]")
			}
			if err := finish(); err != nil {
				return nil, err
			}
			n := strings.TrimSpace(s[1 : len(s)-1])
			if !profileNameRE.MatchString(n) {
				return nil, fail("bad profile name %q (letters, digits, ., _ and -)", n)
			}
			cur = &Profile{Name: n, Origin: fmt.Sprintf("%s:%d", name, line)}
			continue
		}
		k, v, ok := strings.Cut(s, "=")
		if !ok {
			return nil, fail("want key = value")
		}
		if cur == nil {
			return nil, fail("%s outside a [profile] section", strings.TrimSpace(k))
		}
		k, v = strings.ToLower(strings.TrimSpace(k)), strings.TrimSpace(v)
		if v == "" {
			return nil, fail("%s: empty value", k)
		}
		switch k {
		case "match":
			for _, m := range strings.Fields(v) {
				if strings.Contains(m, "://") {
					u, err := nurl.Parse(m)
					if err != nil || u.Host == "" {
						return nil, fail("match %q: not a host or URL", m)
					}
					m = u.Host + u.Path
				}
				cur.Match = append(cur.Match, m)
			}
		case "body":
			cur.Body = v
		case "title":
			cur.Title = v
		case "date":
			cur.Date = v
		case "drop":
			cur.Drop = append(cur.Drop, v)
		default:
			return nil, fail("unknown key %q (want match, body, title, date or drop)", k)
		}
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("profiles %s: %w", name, err)
	}
	if err := finish(); err != nil {
		return nil, err
	}
	return ps, nil
}
