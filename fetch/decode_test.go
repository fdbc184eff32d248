package fetch

import (
	"context"
	"io"
	"net/http"
	"strings"
	"testing"

	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/japanese"
	"golang.org/x/text/encoding/simplifiedchinese"
	"golang.org/x/text/encoding/traditionalchinese"
	"golang.org/x/text/encoding/unicode"
)

// Statements in the languages of each legacy charset, written for these
// tests, long enough for detection to have something to go on.
var charsetCases = []struct {
	name     string // WHATWG name the page should be decoded as
	label    string // what the page declares
	enc      encoding.Encoding
	sentence string
}{
	{"gbk", "gb2312", simplifiedchinese.GBK,
		"外交部发言人今天表示，双方同意在下个月举行新一轮磋商，就边境地区的经济合作和人员往来问题交换意见。发言人强调，对话是解决分歧的唯一正确途径，中方愿意与各方共同努力，维护地区的和平与稳定。"},
	{"gb18030", "gb18030", simplifiedchinese.GB18030,
		"国务院新闻办公室今天发布白皮书，全面介绍了过去十年农村饮水安全工作的进展情况。白皮书指出，农村自来水普及率已经大幅提高，偏远山区的群众也能喝上干净的水。"},
	{"big5", "big5", traditionalchinese.Big5,
		"行政院發言人今天表示，政府將於明年推出新的住宅補貼方案，協助年輕家庭減輕租屋負擔。發言人說明，申請資格與補助金額將在下個月公布，民眾可以在各地服務中心提出申請。"},
	{"shift_jis", "shift_jis", japanese.ShiftJIS,
		"外務大臣は本日の記者会見で、来月に予定されている首脳会談に向けて、両国の実務者による協議を続けていると述べました。大臣は、地域の平和と安定のために対話を重ねることが重要だと強調しました。"},
	{"windows-1252", "windows-1252", charmap.Windows1252,
		"Le ministre a déclaré aujourd’hui que les négociations reprendront à Genève la semaine prochaine. « Nous espérons un accord équitable », a-t-il ajouté, en précisant que la délégation française comprendrait des représentants des régions côtières."},
	{"windows-1252", "iso-8859-1", charmap.ISO8859_1,
		"Der Außenminister erklärte heute, dass die Gespräche über das Fischereiabkommen nächste Woche in Genf fortgesetzt würden. Die Regierung hoffe auf eine Einigung, die für die Küstengemeinden fair sei und die Bestände schütze."},
}

func legacyPage(t *testing.T, enc encoding.Encoding, head, sentence string) []byte {
	t.Helper()
	page := "<!DOCTYPE html><html><head>" + head + "<title>Statement</title></head><body><nav><a href=/>Home</a></nav><article><h1>Statement</h1>" +
		strings.Repeat("<p>"+sentence+"</p>\n", 3) + "</article></body></html>"
	b, err := enc.NewEncoder().Bytes([]byte(page))
	if err != nil {
		t.Fatalf("encoding the test page: %v", err)
	}
	return b
}

func TestDecodeCharsets(t *testing.T) {
	for _, c := range charsetCases {
		for _, how := range []string{charsetFromHeader, charsetFromMeta, "http-equiv", charsetFromDetection} {
			t.Run(c.label+" "+how, func(t *testing.T) {
				head, ctype := "", "text/html"
				switch how {
				case charsetFromHeader:
					ctype = "text/html; charset=" + c.label
				case charsetFromMeta:
					head = `<meta charset="` + c.label + `">`
				case "http-equiv":
					head = `<meta http-equiv="Content-Type" content="text/html; charset=` + c.label + `">`
				}
				raw := legacyPage(t, c.enc, head, c.sentence)
				d, err := ParseHTML("page.html", raw, ctype, ExtractOptions{})
				if err != nil {
					t.Fatal(err)
				}
				if how == charsetFromDetection && c.name == "gbk" {
					// Detection cannot tell GBK text from GB18030, its
					// superset, which decodes it the same.
					if d.Charset != "gbk" && d.Charset != "gb18030" {
						t.Errorf("charset %q, want gbk or gb18030", d.Charset)
					}
				} else if d.Charset != c.name {
					t.Errorf("charset %q, want %q", d.Charset, c.name)
				}
				wantHow := how
				if how == "http-equiv" {
					wantHow = charsetFromMeta
				}
				if d.CharsetSource != wantHow {
					t.Errorf("charset decided by %q, want %q", d.CharsetSource, wantHow)
				}
				if !strings.Contains(d.Text, c.sentence) {
					t.Errorf("text not decoded:\n%s", d.Text)
				}
			})
		}
	}
}

// TestDecodeOverHTTP serves the pages with each charset in the header.
func TestDecodeOverHTTP(t *testing.T) {
	for _, c := range charsetCases {
		raw := legacyPage(t, c.enc, "", c.sentence)
		s := serve(t, func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Type", "text/html; charset="+c.label)
			w.Write(raw)
		})
		d, err := Load(context.Background(), s.URL, Options{HTTP: quick()})
		if err != nil {
			t.Fatalf("%s: %v", c.label, err)
		}
		if !strings.Contains(d.Text, c.sentence) || d.Charset != c.name {
			t.Errorf("%s: charset %q, text:\n%s", c.label, d.Charset, d.Text)
		}
	}
}

// A page that is valid UTF-8 is UTF-8, whatever it declares and however far
// down its first non-ASCII byte stands (charset.DetermineEncoding looks at
// the first KiB only and would say windows-1252).
func TestDecodeValidUTF8Wins(t *testing.T) {
	sentence := "Le ministre a déclaré que « la coopération » continuera — 外交部表示欢迎。"
	padding := "<!-- " + strings.Repeat("x", 2000) + " -->"
	for _, c := range []struct{ head, ctype string }{
		{"", ""},
		{padding, ""},
		{`<meta charset="windows-1252">`, ""},
		{"", "text/html; charset=iso-8859-1"},
		{padding + `<meta http-equiv="Content-Type" content="text/html; charset=windows-1252">`, ""},
	} {
		page := "<html><head>" + c.head + "</head><body><p>" + strings.Repeat(sentence+" ", 5) + "</p></body></html>"
		d, err := ParseHTML("p.html", []byte(page), c.ctype, ExtractOptions{Extractor: ExtractorPage})
		if err != nil {
			t.Fatal(err)
		}
		if d.Charset != "utf-8" || d.CharsetSource != charsetFromUTF8 || !strings.Contains(d.Text, sentence) {
			t.Errorf("head %.40q, type %q: charset %s (%s), text %.80q", c.head, c.ctype, d.Charset, d.CharsetSource, d.Text)
		}
	}
}

// A <meta charset> after the first KiB is still found.
func TestDecodeMetaAfterFirstKiB(t *testing.T) {
	c := charsetCases[0]
	head := "<script>var config = '" + strings.Repeat("a", 3000) + "';</script>" + `<meta charset="gb2312">`
	raw := legacyPage(t, c.enc, head, c.sentence)
	d, err := ParseHTML("p.html", raw, "", ExtractOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if d.Charset != "gbk" || d.CharsetSource != charsetFromMeta || !strings.Contains(d.Text, c.sentence) {
		t.Errorf("charset %s (%s), text %.80q", d.Charset, d.CharsetSource, d.Text)
	}
}

func TestDecodeBOM(t *testing.T) {
	page := "<html><head><meta charset=windows-1252></head><body><p>Déclaration — 声明</p></body></html>"
	le, _ := unicode.UTF16(unicode.LittleEndian, unicode.UseBOM).NewEncoder().Bytes([]byte(page))
	be, _ := unicode.UTF16(unicode.BigEndian, unicode.UseBOM).NewEncoder().Bytes([]byte(page))
	u8 := append([]byte("\xEF\xBB\xBF"), page...)
	for name, raw := range map[string][]byte{"utf-16le": le, "utf-16be": be, "utf-8": u8} {
		d, err := ParseHTML("p.html", raw, "text/html; charset=iso-8859-1", ExtractOptions{Extractor: ExtractorPage})
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if d.Charset != name || d.CharsetSource != charsetFromBOM || strings.TrimSpace(d.Text) != "Déclaration — 声明" {
			t.Errorf("%s: charset %s (%s), text %q", name, d.Charset, d.CharsetSource, d.Text)
		}
	}
}

func TestDecodeDeclaredUTF8Invalid(t *testing.T) {
	raw := []byte("<html><head><meta charset=utf-8></head><body><p>caf\xe9 statement</p></body></html>")
	d, err := ParseHTML("p.html", raw, "", ExtractOptions{Extractor: ExtractorPage})
	if err != nil {
		t.Fatal(err)
	}
	if d.Charset != "utf-8" || !strings.Contains(d.Text, "caf\uFFFD statement") {
		t.Errorf("charset %s, text %q", d.Charset, d.Text)
	}
}

func TestDecodeBinaryRefused(t *testing.T) {
	raw := make([]byte, 4096)
	for i := range raw {
		raw[i] = byte(i % 7)
	}
	if _, err := ParseHTML("x.html", raw, "", ExtractOptions{}); err == nil || !strings.Contains(err.Error(), "binary") {
		t.Errorf("binary input: %v", err)
	}
}

func FuzzDecodeHTML(f *testing.F) {
	f.Add([]byte("<meta charset=gbk>\xc4\xe3\xba\xc3"), "text/html")
	f.Add([]byte("\xff\xfe<\x00"), "text/html; charset=utf-16")
	f.Add([]byte("<meta http-equiv=content-type content='text/html;charset=\"shift_jis'>\x82"), "")
	f.Fuzz(func(t *testing.T, raw []byte, ctype string) {
		body, name, how, err := decodeHTML(raw, ctype)
		if err != nil {
			return
		}
		if name == "" || how == "" {
			t.Errorf("charset %q decided by %q", name, how)
		}
		_, _ = io.Discard.Write(body)
	})
}
