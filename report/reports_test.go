package report

import (
	"bytes"
	"testing"
)

// TestRenderDeterministic renders twice: reports that diff well must not
// depend on map order or timing.
func TestRenderDeterministic(t *testing.T) {
	r := kinds(t)
	if a, b := renderHTML(t, r, HTMLOptions{}), renderHTML(t, r, HTMLOptions{}); !bytes.Equal(a, b) {
		t.Error("HTML differs between two renderings")
	}
	if a, b := renderMarkdown(t, r, MarkdownOptions{}), renderMarkdown(t, r, MarkdownOptions{}); !bytes.Equal(a, b) {
		t.Error("Markdown differs between two renderings")
	}
}
