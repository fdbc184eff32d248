package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/clausediff/clausediff/align"
	"github.com/clausediff/clausediff/fetch"
	"github.com/clausediff/clausediff/report"
	"github.com/urfave/cli/v3"
)

// compareOptions are the flags of "clausediff compare".
type compareOptions struct {
	a, b        string
	format      string // text, json, html, md; empty: from -o's extension, else text
	output      string // file to write; empty or "-": standard output
	unit        align.Unit
	threshold   float64
	exitCode    bool
	color       string // auto, always, never
	changesOnly bool
	width       int
	from        string // input format for both inputs, or empty to guess
	allowEmpty  bool   // compare documents whose extraction is near-empty
	fetchOptions
}

// formats are the report formats; "markdown" is accepted for "md".
var formats = []string{"text", "json", "html", "md"}

func compareCommand(e *env) *cli.Command {
	var o compareOptions
	flags := []cli.Flag{
		&cli.StringFlag{Name: "format", Aliases: []string{"f"}, Usage: "output format: " + strings.Join(formats, ", ") + " (or markdown; default: from the -o extension, else text)", Destination: &o.format},
		&cli.StringFlag{Name: "output", Aliases: []string{"o"}, Usage: "write the report to `FILE` instead of standard output", Destination: &o.output},
		&cli.StringFlag{Name: "unit", Value: string(align.UnitClause), Usage: "segment unit: clause, sentence, paragraph or line"},
		&cli.Float64Flag{Name: "threshold", Value: align.DefaultThreshold, Usage: "similarity (0-1) at which two reworded segments pair on their words alone, anywhere; between segments that match, weaker pairs are believed", Destination: &o.threshold},
		&cli.BoolFlag{Name: "exit-code", Usage: "exit with status 1 when the documents differ, like git diff --exit-code", Destination: &o.exitCode},
		&cli.StringFlag{Name: "color", Value: "auto", Usage: "colour the text report: auto (on a terminal, unless NO_COLOR is set), always, never", Destination: &o.color},
		&cli.BoolFlag{Name: "changes-only", Usage: "leave out unchanged segments (text, md); open the HTML report with them hidden", Destination: &o.changesOnly},
		&cli.IntFlag{Name: "width", Usage: "text report: wrap at `N` columns (default: the terminal's, at most 100, else 80)", HideDefault: true, Destination: &o.width},
		&cli.StringFlag{Name: "from", Usage: "input format of both inputs: text, markdown or html (default: guess)", Destination: &o.from},
		&cli.BoolFlag{Name: "allow-empty", Usage: "compare even when a web page yields under 50 words of text (normally refused: it would report everything as deleted)", Destination: &o.allowEmpty},
	}
	return &cli.Command{
		Name:      "compare",
		Usage:     "align two documents clause by clause and report matches, rewordings, omissions and moves",
		ArgsUsage: "A B   (files, http(s) URLs, or - for standard input)",
		Description: "Each input is plain text, Markdown or HTML (guessed from the Content-Type, the name and\n" +
			"the content, or set with --from); of a web page, the main text is compared (see\n" +
			"'clausediff extract'). Exit status: 0 success (with --exit-code: no differences),\n" +
			"1 differences found (only with --exit-code), 2 error.",
		Flags: append(flags, o.fetchOptions.flags()...),
		Action: func(ctx context.Context, c *cli.Command) error {
			args := c.Args().Slice()
			if len(args) != 2 {
				return usageError{fmt.Errorf("compare needs two inputs, got %d", len(args))}
			}
			o.a, o.b = args[0], args[1]
			u, ok := align.ParseUnit(c.String("unit"))
			if !ok {
				return usageError{fmt.Errorf("--unit %q: want clause, sentence, paragraph or line", c.String("unit"))}
			}
			o.unit = u
			return runCompare(ctx, e, &o)
		},
	}
}

func runCompare(ctx context.Context, e *env, o *compareOptions) error {
	if o.threshold <= 0 || o.threshold > 1 {
		return usageError{fmt.Errorf("--threshold %v: want a number above 0 and at most 1", o.threshold)}
	}
	format, err := outputFormat(o.format, o.output)
	if err != nil {
		return err
	}
	switch o.color {
	case "auto", "always", "never":
	default:
		return usageError{fmt.Errorf("--color %q: want auto, always or never", o.color)}
	}
	from, err := inputFormat(o.from)
	if err != nil {
		return err
	}
	if o.a == "-" && o.b == "-" {
		return usageError{fmt.Errorf("only one input can be standard input")}
	}
	load, err := o.fetchOptions.loadOptions(e, from)
	if err != nil {
		return err
	}
	// Both inputs load at once: for web pages that halves the wait.
	var db *fetch.Document
	var errB error
	done := make(chan struct{})
	go func() {
		db, errB = fetch.Load(ctx, o.b, load)
		close(done)
	}()
	da, err := fetch.Load(ctx, o.a, load)
	<-done
	if err != nil {
		return err
	}
	if errB != nil {
		return errB
	}
	if format != "text" || (o.output != "" && o.output != "-") {
		// The text report on standard output shows them itself.
		warn(e, da)
		warn(e, db)
	}
	if !o.allowEmpty {
		for _, d := range []*fetch.Document{da, db} {
			if d.NearEmpty {
				return fmt.Errorf("%s: only %d words of text were extracted (method %s); comparing it would report the other side as all added or deleted. Check with 'clausediff extract', give --selector or a site profile, or pass --allow-empty", d.Source, fetch.WordCount(d.Text), d.Method)
			}
		}
	}
	res := align.Compare(da, db, align.Options{Unit: o.unit, Threshold: o.threshold})

	out, commit, err := openOutput(e, o.output)
	if err != nil {
		return err
	}
	meta := report.Meta{Generator: "clausediff " + version}
	switch format {
	case "json":
		err = report.JSON(out, res, meta)
	case "html":
		err = report.HTML(out, res, meta, report.HTMLOptions{ChangesOnly: o.changesOnly})
	case "md":
		err = report.Markdown(out, res, meta, report.MarkdownOptions{ChangesOnly: o.changesOnly})
	default:
		err = report.Text(out, res, textOptions(e, o, out))
	}
	if err = commit(err); err != nil {
		return err
	}
	if o.exitCode && res.Differs() {
		return errDifferences
	}
	return nil
}

// outputFormat resolves --format against the -o file's extension.
func outputFormat(format, output string) (string, error) {
	if format == "" && output != "" && output != "-" {
		switch strings.ToLower(filepath.Ext(output)) {
		case ".json":
			format = "json"
		case ".txt", ".text":
			format = "text"
		case ".html", ".htm":
			format = "html"
		case ".md", ".markdown":
			format = "md"
		default:
			return "", usageError{fmt.Errorf("-o %s: cannot tell the format from the extension; add --format", output)}
		}
	}
	if format == "" {
		return "text", nil
	}
	if format == "markdown" {
		format = "md"
	}
	for _, f := range formats {
		if format == f {
			return f, nil
		}
	}
	return "", usageError{fmt.Errorf("--format %q: want one of %s", format, strings.Join(formats, ", "))}
}

// openOutput opens the report destination. The file is written under a
// temporary name and renamed by commit, so that a failed run never leaves
// half a report where the previous one was.
func openOutput(e *env, path string) (io.Writer, func(error) error, error) {
	if path == "" || path == "-" {
		return e.stdout, func(err error) error { return err }, nil
	}
	dir := filepath.Dir(path)
	f, err := os.CreateTemp(dir, "."+filepath.Base(path)+".*.tmp")
	if err != nil {
		return nil, nil, fmt.Errorf("write %s: %w", path, unwrapPath(err))
	}
	// CreateTemp makes the file private (0600); a report is for reading,
	// often by a web server, so it gets the mode of the file it replaces,
	// or 0644 as a shell redirection would make it.
	mode := os.FileMode(0o644)
	if st, err := os.Stat(path); err == nil {
		mode = st.Mode().Perm()
	}
	if err := f.Chmod(mode); err != nil {
		f.Close()
		os.Remove(f.Name())
		return nil, nil, fmt.Errorf("write %s: %w", path, unwrapPath(err))
	}
	commit := func(werr error) error {
		cerr := f.Close()
		if werr == nil {
			werr = cerr
		}
		if werr != nil {
			os.Remove(f.Name())
			return fmt.Errorf("write %s: %w", path, werr)
		}
		if err := os.Rename(f.Name(), path); err != nil {
			os.Remove(f.Name())
			return fmt.Errorf("write %s: %w", path, unwrapPath(err))
		}
		return nil
	}
	return f, commit, nil
}

func unwrapPath(err error) error {
	if pe, ok := err.(*os.PathError); ok {
		return pe.Err
	}
	if le, ok := err.(*os.LinkError); ok {
		return le.Err
	}
	return err
}

func textOptions(e *env, o *compareOptions, out io.Writer) report.TextOptions {
	tty := isTerminal(out)
	color := o.color == "always" || o.color == "auto" && tty && e.getenv("NO_COLOR") == "" && e.getenv("TERM") != "dumb"
	w := o.width
	if w <= 0 {
		w = 80
		if tty {
			if tw := terminalWidth(out); tw > 20 {
				w = min(tw, 100)
			}
		}
	}
	return report.TextOptions{Color: color, Width: w, ChangesOnly: o.changesOnly}
}
