package fetch

import (
	"bytes"
	"html"
	"sort"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// parseMarkdown converts Markdown (CommonMark, GitHub and pandoc flavours) to
// plain text: front matter becomes the title, headings, list items, table
// cells and block HTML become paragraphs, and inline markup — emphasis,
// links, code spans, escapes, entities, HTML tags and comments — is dropped
// while the words stay. Indented lines are not code: statements converted by
// pandoc indent list continuations by four spaces.
//
// It is a converter for reading, not a renderer: it never fails, and where
// markup is ambiguous it keeps the characters.
func parseMarkdown(doc *Document, src []byte) {
	tb := &textBuilder{}
	pos := 0
	if title, end := frontMatter(src); end > 0 {
		doc.Title = title
		pos = end
	}
	var blk mdBlock
	flush := func(at int) {
		if blk.len() > 0 {
			blk.render(tb, src)
			blk.reset()
		}
		tb.paragraphBreak(at)
	}
	inComment, fence := false, ""
	prevText := false // the previous line held paragraph text (for setext underlines)
	for pos < len(src) {
		ls := pos
		le := bytes.IndexByte(src[pos:], '\n')
		if le < 0 {
			le = len(src)
			pos = len(src)
		} else {
			le += pos
			pos = le + 1
		}
		if le > ls && src[le-1] == '\r' {
			le--
		}
		line := src[ls:le]
		// Leading indentation and blockquote markers carry no words.
		cs := ls
		for {
			for cs < le && (src[cs] == ' ' || src[cs] == '\t') {
				cs++
			}
			if cs < le && src[cs] == '>' && fence == "" && !inComment {
				cs++
				continue
			}
			break
		}
		content := src[cs:le]
		trimmed := bytes.TrimRight(content, " \t")

		if inComment {
			if i := bytes.Index(line, []byte("-->")); i >= 0 {
				inComment = false
				rest := ls + i + 3
				if len(bytes.TrimSpace(src[rest:le])) > 0 {
					blk.addLine(rest, le)
				}
			}
			continue
		}
		if fence != "" {
			if bytes.HasPrefix(trimmed, []byte(fence)) && len(bytes.Trim(trimmed, fence[:1])) == 0 {
				fence = ""
				flush(ls)
				continue
			}
			if len(trimmed) == 0 {
				flush(ls)
				continue
			}
			blk.addRaw(cs, cs+len(trimmed))
			continue
		}
		if len(trimmed) == 0 {
			flush(ls)
			prevText = false
			continue
		}
		if bytes.HasPrefix(trimmed, []byte("```")) || bytes.HasPrefix(trimmed, []byte("~~~")) {
			fence = string(trimmed[:3])
			flush(ls)
			continue
		}
		if bytes.HasPrefix(trimmed, []byte("<!--")) {
			if i := bytes.Index(trimmed[4:], []byte("-->")); i < 0 {
				inComment = true
				flush(ls)
				continue
			} else if len(bytes.TrimSpace(trimmed[4+i+3:])) == 0 {
				flush(ls) // a separator comment such as pandoc's <!-- -->
				continue
			}
		}
		if isRule(trimmed) {
			// A setext underline or a thematic break: either way the
			// paragraph ends here.
			flush(ls)
			prevText = false
			continue
		}
		if prevText && isSetextEq(trimmed) {
			flush(ls)
			prevText = false
			continue
		}
		if isLinkDefinition(trimmed) {
			flush(ls)
			continue
		}
		// ATX heading: its own paragraph.
		if n := headingLevel(trimmed); n > 0 {
			flush(ls)
			h := bytes.TrimLeft(trimmed[n:], " \t")
			hs := cs + (len(trimmed) - n - len(h)) + n
			h = trimClosingHashes(h)
			blk.addLine(hs, hs+len(h))
			flush(le)
			prevText = false
			continue
		}
		// Table rows: each cell is a paragraph.
		if trimmed[0] == '|' {
			flush(ls)
			if !isTableRule(trimmed) {
				addTableCells(&blk, src, cs, cs+len(trimmed), flush)
			}
			prevText = false
			continue
		}
		// List item: a new paragraph after the marker.
		if m := listMarker(trimmed); m > 0 {
			flush(ls)
			cs += m
			for cs < le && (src[cs] == ' ' || src[cs] == '\t') {
				cs++
			}
			// Nested markers on one line ("-   -   text").
			for {
				rest := bytes.TrimRight(src[cs:le], " \t")
				m2 := listMarker(rest)
				if m2 == 0 || len(rest) == m2 {
					break
				}
				cs += m2
				for cs < le && (src[cs] == ' ' || src[cs] == '\t') {
					cs++
				}
			}
		}
		blk.addLine(cs, cs+len(bytes.TrimRight(src[cs:le], " \t")))
		prevText = true
	}
	flush(len(src))
	doc.Text = tb.text()
	doc.runs = tb.runs
	if doc.runs == nil {
		doc.runs = []run{}
	}
	doc.lineStarts = lineIndex(src)
}

// mdBlock accumulates the lines of one paragraph as source ranges.
type mdBlock struct {
	lines []span // source ranges, joined by newlines
	raw   bool   // code: no inline processing
}

type span struct{ lo, hi int }

func (b *mdBlock) len() int { return len(b.lines) }
func (b *mdBlock) reset()   { b.lines, b.raw = b.lines[:0], false }

func (b *mdBlock) addLine(lo, hi int) {
	if hi > lo {
		b.lines = append(b.lines, span{lo, hi})
	}
}

func (b *mdBlock) addRaw(lo, hi int) {
	b.raw = true
	b.addLine(lo, hi)
}

// render writes the block's text, without inline markup, to tb.
func (b *mdBlock) render(tb *textBuilder, src []byte) {
	// Join the lines into one buffer with a per-byte source offset, so that
	// inline constructs spanning lines (a tag, a link) are seen whole.
	var buf []byte
	var off []int
	for i, l := range b.lines {
		if i > 0 {
			buf = append(buf, '\n')
			off = append(off, b.lines[i-1].hi)
		}
		buf = append(buf, src[l.lo:l.hi]...)
		for k := l.lo; k < l.hi; k++ {
			off = append(off, k)
		}
	}
	if b.raw {
		emitMapped(tb, src, buf, off, 0, len(buf))
		return
	}
	edits := inlineEdits(buf)
	at := 0
	for _, e := range edits {
		if e.lo < at {
			continue
		}
		emitMapped(tb, src, buf, off, at, e.lo)
		switch {
		case e.brk == 2:
			tb.paragraphBreak(off[min(e.lo, len(off)-1)])
		case e.brk == 1:
			tb.emit("\n", off[min(e.lo, len(off)-1)])
		case e.rep != "":
			tb.emit(e.rep, off[min(e.lo, len(off)-1)])
		}
		at = e.hi
	}
	emitMapped(tb, src, buf, off, at, len(buf))
}

// emitMapped copies buf[i:j] to tb, split where the source is not contiguous.
func emitMapped(tb *textBuilder, src, buf []byte, off []int, i, j int) {
	for i < j {
		k := i + 1
		for k < j && off[k] == off[k-1]+1 && buf[k] == src[off[k]] {
			k++
		}
		if buf[i] == src[off[i]] {
			tb.copy(src, off[i], off[i]+(k-i))
		} else {
			tb.emit(string(buf[i:k]), off[i])
		}
		i = k
	}
}

// edit replaces buf[lo:hi] with rep, or with a line (brk 1) or paragraph
// (brk 2) break.
type edit struct {
	lo, hi int
	rep    string
	brk    int
}

// blockTags end a paragraph when they appear inline in Markdown.
var blockTags = map[string]bool{
	"p": true, "div": true, "li": true, "ul": true, "ol": true, "h1": true, "h2": true, "h3": true,
	"h4": true, "h5": true, "h6": true, "blockquote": true, "table": true, "tr": true, "td": true,
	"th": true, "section": true, "article": true, "header": true, "footer": true, "hr": true,
	"dl": true, "dt": true, "dd": true, "figure": true, "figcaption": true, "pre": true,
}

// inlineEdits finds the inline markup in one block and returns the edits
// that remove it, sorted and non-overlapping.
func inlineEdits(buf []byte) []edit {
	var edits []edit
	type delim struct {
		pos, n      int
		c           byte
		open, close bool
	}
	var delims []delim
	for i := 0; i < len(buf); {
		c := buf[i]
		switch {
		case c == '\\' && i+1 < len(buf):
			n := buf[i+1]
			if n == '\n' { // hard line break
				edits = append(edits, edit{lo: i, hi: i + 1})
				i++
				continue
			}
			if n < utf8.RuneSelf && unicode.IsPunct(rune(n)) || n < utf8.RuneSelf && unicode.IsSymbol(rune(n)) {
				edits = append(edits, edit{lo: i, hi: i + 1})
				i += 2
				continue
			}
		case c == '&':
			if j := entityEnd(buf, i); j > 0 {
				dec := html.UnescapeString(string(buf[i:j]))
				if dec != string(buf[i:j]) {
					edits = append(edits, edit{lo: i, hi: j, rep: dec})
					i = j
					continue
				}
			}
		case c == '`':
			n := runLen(buf, i, '`')
			if j := bytes.Index(buf[i+n:], bytes.Repeat([]byte{'`'}, n)); j >= 0 {
				edits = append(edits, edit{lo: i, hi: i + n}, edit{lo: i + n + j, hi: i + n + j + n})
				i = i + n + j + n
				continue
			}
			i += n
			continue
		case c == '<':
			if bytes.HasPrefix(buf[i:], []byte("<!--")) {
				j := bytes.Index(buf[i+4:], []byte("-->"))
				end := len(buf)
				if j >= 0 {
					end = i + 4 + j + 3
				}
				edits = append(edits, edit{lo: i, hi: end})
				i = end
				continue
			}
			if j, name, closing := htmlTag(buf, i); j > 0 {
				e := edit{lo: i, hi: j}
				switch {
				case name == "br":
					e.brk = 1
				case blockTags[name]:
					e.brk = 2
				case (name == "script" || name == "style") && !closing:
					end := bytes.Index(bytes.ToLower(buf[j:]), []byte("</"+name))
					if end < 0 {
						e.hi = len(buf)
					} else if k := bytes.IndexByte(buf[j+end:], '>'); k >= 0 {
						e.hi = j + end + k + 1
					}
				}
				edits = append(edits, e)
				i = e.hi
				continue
			}
			if j := autolinkEnd(buf, i); j > 0 {
				edits = append(edits, edit{lo: i, hi: i + 1}, edit{lo: j - 1, hi: j})
				i = j
				continue
			}
		case c == '!' && i+1 < len(buf) && buf[i+1] == '[':
			if textEnd, end := linkEnd(buf, i+1); end > 0 {
				// Image: keep the alt text.
				edits = append(edits, edit{lo: i, hi: i + 2}, edit{lo: textEnd, hi: end})
				i += 2
				continue
			}
		case c == '[':
			if textEnd, end := linkEnd(buf, i); end > 0 {
				edits = append(edits, edit{lo: i, hi: i + 1}, edit{lo: textEnd, hi: end})
				i++
				continue
			}
		case c == '*' || c == '_' || c == '~':
			n := runLen(buf, i, c)
			if c == '~' && n != 2 {
				i += n
				continue
			}
			prev, _ := utf8.DecodeLastRune(buf[:i])
			next, _ := utf8.DecodeRune(buf[i+n:])
			if i == 0 {
				prev = ' '
			}
			if i+n >= len(buf) {
				next = ' '
			}
			left := !unicode.IsSpace(next) && (!isMdPunct(next) || unicode.IsSpace(prev) || isMdPunct(prev))
			right := !unicode.IsSpace(prev) && (!isMdPunct(prev) || unicode.IsSpace(next) || isMdPunct(next))
			open, close := left, right
			if c == '_' {
				open = left && (!right || isMdPunct(prev))
				close = right && (!left || isMdPunct(next))
			}
			if open || close {
				delims = append(delims, delim{pos: i, n: n, c: c, open: open, close: close})
			}
			i += n
			continue
		}
		_, size := utf8.DecodeRune(buf[i:])
		i += size
	}
	// Pair emphasis delimiters: only matched runs are markup; a lone
	// asterisk (a footnote mark, "5 * 3") stays.
	var stack []int
	for k, d := range delims {
		matched := false
		if d.close {
			for s := len(stack) - 1; s >= 0; s-- {
				o := delims[stack[s]]
				if o.c == d.c && o.n == d.n {
					edits = append(edits, edit{lo: o.pos, hi: o.pos + o.n}, edit{lo: d.pos, hi: d.pos + d.n})
					stack = stack[:s]
					matched = true
					break
				}
			}
		}
		if !matched && d.open {
			stack = append(stack, k)
		}
	}
	sort.SliceStable(edits, func(i, j int) bool { return edits[i].lo < edits[j].lo })
	return edits
}

func isMdPunct(r rune) bool { return unicode.IsPunct(r) || unicode.IsSymbol(r) }

func runLen(b []byte, i int, c byte) int {
	n := 0
	for i+n < len(b) && b[i+n] == c {
		n++
	}
	return n
}

// entityEnd returns the end of an HTML character reference at b[i], or 0.
func entityEnd(b []byte, i int) int {
	j := i + 1
	if j < len(b) && b[j] == '#' {
		j++
		hex := j < len(b) && (b[j] == 'x' || b[j] == 'X')
		if hex {
			j++
		}
		s := j
		for j < len(b) && j-s < 8 && (b[j] >= '0' && b[j] <= '9' || hex && (b[j] >= 'a' && b[j] <= 'f' || b[j] >= 'A' && b[j] <= 'F')) {
			j++
		}
		if j == s || j >= len(b) || b[j] != ';' {
			return 0
		}
		return j + 1
	}
	s := j
	for j < len(b) && j-s < 32 && (b[j] >= 'a' && b[j] <= 'z' || b[j] >= 'A' && b[j] <= 'Z' || b[j] >= '0' && b[j] <= '9') {
		j++
	}
	if j == s || j >= len(b) || b[j] != ';' {
		return 0
	}
	return j + 1
}

// htmlTag recognizes an HTML open or close tag at b[i] and returns its end,
// its lower-case name and whether it closes.
func htmlTag(b []byte, i int) (end int, name string, closing bool) {
	j := i + 1
	if j < len(b) && b[j] == '/' {
		closing = true
		j++
	}
	s := j
	for j < len(b) && (b[j] >= 'a' && b[j] <= 'z' || b[j] >= 'A' && b[j] <= 'Z' || j > s && (b[j] >= '0' && b[j] <= '9' || b[j] == '-')) {
		j++
	}
	if j == s {
		return 0, "", false
	}
	name = strings.ToLower(string(b[s:j]))
	if j < len(b) && !(b[j] == '>' || b[j] == '/' || b[j] == ' ' || b[j] == '\t' || b[j] == '\n') {
		return 0, "", false
	}
	// Attributes, with quoted values that may hold '>'.
	var q byte
	for ; j < len(b); j++ {
		c := b[j]
		switch {
		case q != 0:
			if c == q {
				q = 0
			}
		case c == '"' || c == '\'':
			q = c
		case c == '>':
			return j + 1, name, closing
		case c == '<':
			return 0, "", false
		}
	}
	return 0, "", false
}

// autolinkEnd recognizes <scheme:...> at b[i].
func autolinkEnd(b []byte, i int) int {
	j := bytes.IndexByte(b[i:], '>')
	if j < 0 {
		return 0
	}
	inner := b[i+1 : i+j]
	if bytes.ContainsAny(inner, " \t\n<") || !(bytes.Contains(inner, []byte("://")) || bytes.HasPrefix(inner, []byte("mailto:"))) {
		return 0
	}
	return i + j + 1
}

// linkEnd recognizes a link [text](dest), [text][ref] or pandoc's
// [text]{attrs} starting at b[i] == '['. It returns where the text ends (the
// ']') and where the link ends, or 0 when it is not a link — "[sic]" stays.
func linkEnd(b []byte, i int) (textEnd, end int) {
	depth := 0
	j := i
	for ; j < len(b); j++ {
		switch b[j] {
		case '\\':
			j++
		case '[':
			depth++
		case ']':
			depth--
			if depth == 0 {
				goto closed
			}
		case '\n':
			if j+1 < len(b) && b[j+1] == '\n' {
				return 0, 0
			}
		}
	}
	return 0, 0
closed:
	textEnd = j
	if j+1 >= len(b) {
		return 0, 0
	}
	open, shut := b[j+1], byte(0)
	switch open {
	case '(':
		shut = ')'
	case '[':
		shut = ']'
	case '{':
		shut = '}'
	default:
		return 0, 0
	}
	depth = 0
	for k := j + 1; k < len(b); k++ {
		switch b[k] {
		case '\\':
			k++
		case open:
			depth++
		case shut:
			depth--
			if depth == 0 {
				return textEnd, k + 1
			}
		case '\n':
			if open != '(' {
				return 0, 0
			}
		}
	}
	return 0, 0
}

func isRule(l []byte) bool {
	if len(l) < 3 {
		return false
	}
	c := l[0]
	if c != '-' && c != '*' && c != '_' {
		return false
	}
	n := 0
	for _, x := range l {
		switch x {
		case c:
			n++
		case ' ', '\t':
		default:
			return false
		}
	}
	return n >= 3
}

func isSetextEq(l []byte) bool {
	return len(l) >= 2 && len(bytes.Trim(l, "=")) == 0
}

func isTableRule(l []byte) bool {
	return len(bytes.Trim(l, "|-: \t")) == 0 && bytes.Contains(l, []byte("-"))
}

func isLinkDefinition(l []byte) bool {
	if len(l) < 4 || l[0] != '[' {
		return false
	}
	i := bytes.Index(l, []byte("]:"))
	return i > 1 && !bytes.ContainsAny(l[:i], "\n") && (i+2 == len(l) || l[i+2] == ' ' || l[i+2] == '\t')
}

func headingLevel(l []byte) int {
	n := 0
	for n < len(l) && l[n] == '#' {
		n++
	}
	if n == 0 || n > 6 {
		return 0
	}
	if n < len(l) && l[n] != ' ' && l[n] != '\t' {
		return 0
	}
	return n
}

func trimClosingHashes(h []byte) []byte {
	t := bytes.TrimRight(h, "#")
	if len(t) < len(h) && (len(t) == 0 || t[len(t)-1] == ' ' || t[len(t)-1] == '\t') {
		return bytes.TrimRight(t, " \t")
	}
	return h
}

// listMarker returns the length of a list item marker at the start of l
// ("- ", "* ", "+ ", "1. ", "2) "), or 0.
func listMarker(l []byte) int {
	if len(l) == 0 {
		return 0
	}
	if (l[0] == '-' || l[0] == '*' || l[0] == '+') && (len(l) == 1 || l[1] == ' ' || l[1] == '\t') {
		return 1
	}
	n := 0
	for n < len(l) && n < 9 && l[n] >= '0' && l[n] <= '9' {
		n++
	}
	if n > 0 && n < len(l) && (l[n] == '.' || l[n] == ')') && (n+1 == len(l) || l[n+1] == ' ' || l[n+1] == '\t') {
		return n + 1
	}
	return 0
}

func addTableCells(blk *mdBlock, src []byte, lo, hi int, flush func(int)) {
	i := lo
	if i < hi && src[i] == '|' {
		i++
	}
	for i < hi {
		j := i
		for j < hi && src[j] != '|' {
			if src[j] == '\\' {
				j++
			}
			j++
		}
		if j > hi {
			j = hi
		}
		a, b := i, j
		for a < b && (src[a] == ' ' || src[a] == '\t') {
			a++
		}
		for b > a && (src[b-1] == ' ' || src[b-1] == '\t') {
			b--
		}
		blk.addLine(a, b)
		flush(j)
		i = j + 1
	}
}

// frontMatter recognizes a YAML front matter block at the start of src and
// returns its title and the offset just past it, or end 0 when there is none.
func frontMatter(src []byte) (title string, end int) {
	if !bytes.HasPrefix(src, []byte("---\n")) && !bytes.HasPrefix(src, []byte("---\r\n")) {
		return "", 0
	}
	pos := bytes.IndexByte(src, '\n') + 1
	start := pos
	for pos < len(src) {
		le := bytes.IndexByte(src[pos:], '\n')
		next := len(src)
		if le >= 0 {
			next = pos + le + 1
		} else {
			le = len(src) - pos
		}
		line := bytes.TrimRight(src[pos:pos+le], " \t\r")
		if string(line) == "---" || string(line) == "..." {
			return yamlTitle(src[start:pos]), next
		}
		pos = next
	}
	return "", 0 // unclosed: not front matter
}

// yamlTitle reads the top-level "title:" scalar of a YAML block: plain,
// single- or double-quoted, folded over several lines.
func yamlTitle(y []byte) string {
	lines := strings.Split(strings.ReplaceAll(string(y), "\r\n", "\n"), "\n")
	for i, l := range lines {
		if !strings.HasPrefix(l, "title:") {
			continue
		}
		v := strings.TrimSpace(l[len("title:"):])
		// Continuation lines are indented.
		for k := i + 1; k < len(lines) && len(lines[k]) > 0 && (lines[k][0] == ' ' || lines[k][0] == '\t'); k++ {
			v += "\n" + lines[k]
		}
		return strings.Join(strings.Fields(yamlScalar(v)), " ")
	}
	return ""
}

func yamlScalar(v string) string {
	if v == "" {
		return ""
	}
	switch v[0] {
	case '"':
		return yamlDoubleQuoted(v[1:])
	case '\'':
		s := v[1:]
		if i := strings.LastIndex(s, "'"); i >= 0 {
			s = s[:i]
		}
		s = strings.ReplaceAll(s, "''", "'")
		return foldYAML(s)
	case '|', '>':
		parts := strings.SplitN(v, "\n", 2)
		if len(parts) < 2 {
			return ""
		}
		return strings.TrimSpace(foldYAML(parts[1]))
	}
	if i := strings.Index(v, " #"); i >= 0 {
		v = v[:i]
	}
	return foldYAML(v)
}

// foldYAML joins lines with single spaces, as YAML folds flow scalars.
func foldYAML(s string) string {
	f := strings.Fields(strings.ReplaceAll(s, "\n", " "))
	return strings.Join(f, " ")
}

func yamlDoubleQuoted(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch c {
		case '"':
			return b.String()
		case '\n':
			// Folding: the line break and the next line's indentation
			// become one space.
			for i+1 < len(s) && (s[i+1] == ' ' || s[i+1] == '\t') {
				i++
			}
			str := b.String()
			if !strings.HasSuffix(str, " ") {
				b.WriteByte(' ')
			}
		case '\\':
			if i+1 >= len(s) {
				return b.String()
			}
			i++
			switch e := s[i]; e {
			case '\n': // escaped line break: join without a space
				for i+1 < len(s) && (s[i+1] == ' ' || s[i+1] == '\t') {
					i++
				}
			case 'n':
				b.WriteByte('\n')
			case 't':
				b.WriteByte('\t')
			case '_':
				b.WriteString("\u00A0")
			case 'N':
				b.WriteString("\u0085")
			case 'L':
				b.WriteString("\u2028")
			case 'P':
				b.WriteString("\u2029")
			case '0':
				b.WriteByte(0)
			case ' ', '"', '/', '\\':
				b.WriteByte(e)
			case 'x', 'u', 'U':
				n := map[byte]int{'x': 2, 'u': 4, 'U': 8}[e]
				if i+n < len(s) {
					if r, err := strconv.ParseUint(s[i+1:i+1+n], 16, 32); err == nil && utf8.ValidRune(rune(r)) {
						b.WriteRune(rune(r))
						i += n
						continue
					}
				}
				b.WriteByte('\\')
				b.WriteByte(e)
			default:
				b.WriteByte('\\')
				b.WriteByte(e)
			}
		default:
			b.WriteByte(c)
		}
	}
	return b.String()
}
