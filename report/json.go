// Package report renders an alignment (align.Result) as terminal text,
// JSON, Markdown or HTML. Every format renders the same pairs; none
// computes anything the others lack.
package report

import (
	"bufio"
	"encoding/json"
	"io"
	"time"

	"github.com/clausediff/clausediff/align"
)

// JSONVersion is the version of the JSON shape. It changes only when a
// field changes meaning or disappears; new fields may appear in any version.
const JSONVersion = 1

// Meta is what a report says about the run itself.
type Meta struct {
	Generator string // "clausediff 1.2.3"
}

type jsonReport struct {
	Version   int         `json:"version"`
	Generator string      `json:"generator,omitempty"`
	Options   jsonOptions `json:"options"`
	A         jsonSide    `json:"a"`
	B         jsonSide    `json:"b"`
	Pairs     []jsonPair  `json:"pairs"`
	Summary   jsonSummary `json:"summary"`
}

type jsonOptions struct {
	Unit      string  `json:"unit"`
	Threshold float64 `json:"threshold"`
}

type jsonSide struct {
	Source         string         `json:"source"`
	Title          string         `json:"title,omitempty"`
	Format         string         `json:"format"`
	SHA256         string         `json:"sha256"`
	Bytes          int            `json:"bytes"`
	URL            string         `json:"url,omitempty"`
	Retrieved      string         `json:"retrieved,omitempty"`
	Status         int            `json:"status,omitempty"`
	ContentType    string         `json:"content_type,omitempty"`
	Normalizations map[string]int `json:"normalizations"`
	Warnings       []string       `json:"warnings,omitempty"`
	Segments       []jsonSegment  `json:"segments"`
}

type jsonSegment struct {
	ID        int    `json:"id"`
	Text      string `json:"text"`
	Line      int    `json:"line"`
	Paragraph int    `json:"paragraph"`
	Sentence  int    `json:"sentence"`
	Start     int    `json:"start"`
	End       int    `json:"end"`
	Words     int    `json:"words"`
}

type jsonPair struct {
	Kind       string   `json:"kind"`
	A          []int    `json:"a"`
	B          []int    `json:"b"`
	Moved      bool     `json:"moved"`
	Similarity float64  `json:"similarity"`
	Diff       []jsonOp `json:"diff,omitempty"`
}

type jsonOp struct {
	Op   string `json:"op"`
	Text string `json:"text"`
}

type jsonSummary struct {
	Pairs      int     `json:"pairs"`
	Same       int     `json:"same"`
	Changed    int     `json:"changed"`
	OnlyA      int     `json:"only_a"`
	OnlyB      int     `json:"only_b"`
	Moved      int     `json:"moved"`
	SegmentsA  int     `json:"segments_a"`
	SegmentsB  int     `json:"segments_b"`
	WordsA     int     `json:"words_a"`
	WordsB     int     `json:"words_b"`
	UnchangedA float64 `json:"unchanged_a"`
	UnchangedB float64 `json:"unchanged_b"`
}

// JSON writes r as JSON (see README, "JSON output").
func JSON(w io.Writer, r *align.Result, meta Meta) error {
	out := jsonReport{
		Version:   JSONVersion,
		Generator: meta.Generator,
		Options:   jsonOptions{Unit: string(r.Options.Unit), Threshold: r.Options.Threshold},
		A:         side(r.A),
		B:         side(r.B),
		Pairs:     make([]jsonPair, len(r.Pairs)),
		Summary:   jsonSummary(r.Summary),
	}
	for i, p := range r.Pairs {
		jp := jsonPair{Kind: string(p.Kind), A: nonNil(p.A), B: nonNil(p.B), Moved: p.Moved, Similarity: p.Similarity}
		if len(p.Diff) > 0 {
			jp.Diff = make([]jsonOp, len(p.Diff))
			for k, op := range p.Diff {
				jp.Diff[k] = jsonOp(op)
			}
		}
		out.Pairs[i] = jp
	}
	bw := bufio.NewWriterSize(w, 1<<16)
	enc := json.NewEncoder(bw)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", " ")
	if err := enc.Encode(out); err != nil {
		return err
	}
	return bw.Flush()
}

func nonNil(s []int) []int {
	if s == nil {
		return []int{}
	}
	return s
}

func side(s align.Side) jsonSide {
	d := s.Doc
	js := jsonSide{
		Source:         d.Source,
		Title:          d.Title,
		Format:         d.Format,
		SHA256:         d.SHA256,
		Bytes:          d.Size,
		URL:            d.URL,
		Status:         d.Status,
		ContentType:    d.ContentType,
		Normalizations: map[string]int(s.Normalizations),
		Warnings:       d.Warnings,
		Segments:       make([]jsonSegment, len(s.Segments)),
	}
	if js.Normalizations == nil {
		js.Normalizations = map[string]int{}
	}
	if !d.RetrievedAt.IsZero() {
		js.Retrieved = d.RetrievedAt.UTC().Format(time.RFC3339)
	}
	for i, g := range s.Segments {
		js.Segments[i] = jsonSegment{ID: g.ID, Text: g.Text, Line: g.Line, Paragraph: g.Paragraph,
			Sentence: g.Sentence, Start: g.Start, End: g.End, Words: g.Words}
	}
	return js
}
