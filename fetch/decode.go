package fetch

import (
	"bytes"
	"fmt"
	"mime"
	"strings"
	"unicode/utf8"

	"github.com/gogs/chardet"
	"golang.org/x/net/html"
	"golang.org/x/net/html/charset"
	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/unicode"
)

// How the charset of a page was decided, as reported in Document.Charset
// and in extract's JSON.
const (
	charsetFromBOM         = "bom"
	charsetFromUTF8        = "valid-utf8"
	charsetFromHeader      = "content-type"
	charsetFromMeta        = "meta"
	charsetFromDetection   = "detected"
	charsetFromFallback    = "fallback"
	metaPrescanLimit       = 64 << 10 // bytes of the page searched for <meta charset>
	detectionSampleLimit   = 256 << 10
	minDetectionConfidence = 10
)

// decodeHTML converts the raw bytes of a web page to UTF-8. The charset is
// decided in this order: a byte order mark; then, if the whole page is valid
// UTF-8, UTF-8 (a page with non-ASCII text that decodes as UTF-8 is UTF-8
// whatever it declares, and charset.DetermineEncoding alone would look at the
// first KiB only); then the charset parameter of the Content-Type header;
// then <meta charset> or <meta http-equiv="Content-Type">; then detection
// from the bytes; else windows-1252, as browsers do.
//
// It returns the UTF-8 text, the WHATWG name of the charset and how it was
// decided.
func decodeHTML(raw []byte, contentType string) (body []byte, name, how string, err error) {
	if enc, n, bom := sniffBOM(raw); bom != "" {
		out, err := decodeWith(enc, raw[n:])
		return out, bom, charsetFromBOM, err
	}
	declared, declaredHow := declaredCharset(raw, contentType)
	if utf8.Valid(raw) && !(isUTF16(declared) && bytes.IndexByte(raw, 0) >= 0) {
		return raw, "utf-8", charsetFromUTF8, nil
	}
	if declared != "" && !isUTF16(declared) {
		if enc, canon := charset.Lookup(declared); enc != nil {
			if canon == "utf-8" {
				// Declared UTF-8 but invalid: keep the valid parts and
				// replace the bad bytes rather than guess another charset.
				return bytes.ToValidUTF8(raw, []byte("\uFFFD")), canon, declaredHow, nil
			}
			out, err := decodeWith(enc, raw)
			return out, canon, declaredHow, err
		}
	}
	if name := detectCharset(raw); name != "" {
		if enc, canon := charset.Lookup(name); enc != nil {
			out, err := decodeWith(enc, raw)
			return out, canon, charsetFromDetection, err
		}
	}
	enc, canon := charset.Lookup("windows-1252")
	out, err := decodeWith(enc, raw)
	return out, canon, charsetFromFallback, err
}

func isUTF16(name string) bool {
	return strings.HasPrefix(strings.ToLower(strings.TrimSpace(name)), "utf-16")
}

func sniffBOM(raw []byte) (encoding.Encoding, int, string) {
	switch {
	case bytes.HasPrefix(raw, []byte{0xEF, 0xBB, 0xBF}):
		return unicode.UTF8, 3, "utf-8"
	case bytes.HasPrefix(raw, []byte{0xFF, 0xFE}):
		return unicode.UTF16(unicode.LittleEndian, unicode.IgnoreBOM), 2, "utf-16le"
	case bytes.HasPrefix(raw, []byte{0xFE, 0xFF}):
		return unicode.UTF16(unicode.BigEndian, unicode.IgnoreBOM), 2, "utf-16be"
	}
	return nil, 0, ""
}

func decodeWith(enc encoding.Encoding, b []byte) ([]byte, error) {
	if enc == unicode.UTF8 {
		return bytes.ToValidUTF8(b, []byte("\uFFFD")), nil
	}
	out, err := enc.NewDecoder().Bytes(b)
	if err != nil {
		return nil, fmt.Errorf("decoding the page: %w", err)
	}
	return out, nil
}

// declaredCharset returns the charset the HTTP header or the page declares,
// and where it was found.
func declaredCharset(raw []byte, contentType string) (string, string) {
	if contentType != "" {
		if _, params, err := mime.ParseMediaType(contentType); err == nil {
			if cs := strings.TrimSpace(params["charset"]); cs != "" {
				if enc, _ := charset.Lookup(cs); enc != nil {
					return cs, charsetFromHeader
				}
			}
		}
	}
	if cs := metaCharset(raw); cs != "" {
		return cs, charsetFromMeta
	}
	return "", ""
}

// metaCharset looks for <meta charset> or <meta http-equiv="Content-Type"
// content="…; charset=…"> in the first metaPrescanLimit bytes, stopping at
// <body>. Pages that put hundreds of lines of scripts before their meta tag
// are common, so this looks further than the 1 KiB the HTML standard's
// prescan does.
func metaCharset(raw []byte) string {
	if len(raw) > metaPrescanLimit {
		raw = raw[:metaPrescanLimit]
	}
	z := html.NewTokenizer(bytes.NewReader(raw))
	for {
		switch z.Next() {
		case html.ErrorToken:
			return ""
		case html.StartTagToken, html.SelfClosingTagToken:
			name, hasAttr := z.TagName()
			switch string(name) {
			case "body":
				return ""
			case "meta":
			default:
				continue
			}
			var httpEquiv, content, cs string
			for hasAttr {
				var k, v []byte
				k, v, hasAttr = z.TagAttr()
				switch string(k) {
				case "charset":
					cs = string(v)
				case "http-equiv":
					httpEquiv = strings.ToLower(string(v))
				case "content":
					content = string(v)
				}
			}
			if cs != "" {
				if enc, _ := charset.Lookup(cs); enc != nil {
					return cs
				}
			}
			if httpEquiv == "content-type" && content != "" {
				if _, params, err := mime.ParseMediaType(content); err == nil {
					if cs := params["charset"]; cs != "" {
						if enc, _ := charset.Lookup(cs); enc != nil {
							return cs
						}
					}
				} else if i := strings.Index(strings.ToLower(content), "charset="); i >= 0 {
					cs := strings.Trim(content[i+len("charset="):], ` "';`)
					if enc, _ := charset.Lookup(cs); enc != nil {
						return cs
					}
				}
			}
		}
	}
}

// detectCharset guesses the charset of a page that declares none and is not
// UTF-8, from the statistics of its bytes. It returns "" when unsure.
func detectCharset(raw []byte) string {
	sample := raw
	if len(sample) > detectionSampleLimit {
		sample = sample[:detectionSampleLimit]
	}
	res, err := chardet.NewHtmlDetector().DetectBest(sample)
	if err != nil || res == nil || res.Confidence < minDetectionConfidence {
		return ""
	}
	switch strings.ToLower(res.Charset) {
	case "utf-8", "utf-16be", "utf-16le", "utf-32be", "utf-32le":
		// Not UTF-8 (checked before) and no BOM: not to be trusted.
		return ""
	case "iso-8859-1":
		// Pages labelled Latin-1 are windows-1252 in practice (the WHATWG
		// maps the label so); the detector cannot tell them apart.
		return "windows-1252"
	case "gb-18030":
		return "gb18030"
	}
	return res.Charset
}
