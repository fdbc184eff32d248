package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"slices"
	"strings"
	"time"

	"github.com/clausediff/clausediff/fetch"
	"github.com/urfave/cli/v3"
)

// fetchOptions are the flags that control loading inputs, shared by
// extract and compare.
type fetchOptions struct {
	connectTimeout time.Duration
	timeout        time.Duration
	maxBytes       int64
	userAgent      string
	retries        int
	selector       string
	profiles       string
	extractor      string
	disableRules   []string
}

func (o *fetchOptions) flags() []cli.Flag {
	return []cli.Flag{
		&cli.DurationFlag{Name: "timeout", Value: fetch.DefaultDeadline, Usage: "web pages: deadline for fetching one page, retries included", Destination: &o.timeout},
		&cli.DurationFlag{Name: "connect-timeout", Value: fetch.DefaultConnectTimeout, Usage: "web pages: time allowed to connect (TCP and TLS)", Destination: &o.connectTimeout},
		&cli.Int64Flag{Name: "max-bytes", Value: fetch.DefaultMaxPageBytes, Usage: "web pages: largest body read, after decompression", Destination: &o.maxBytes},
		&cli.StringFlag{Name: "user-agent", Usage: "web pages: User-Agent header (default: clausediff/VERSION and the project URL)", Destination: &o.userAgent},
		&cli.IntFlag{Name: "retries", Value: fetch.DefaultRetries, Usage: "web pages: retries after timeouts, resets, 429 and 5xx (0: none)", Destination: &o.retries},
		&cli.StringFlag{Name: "selector", Usage: "HTML: CSS selector of the statement's body; overrides site profiles and automatic extraction", Destination: &o.selector},
		&cli.StringFlag{Name: "profiles", Usage: "HTML: site profiles `FILE` (default: " + profilesPathHint() + ")", Destination: &o.profiles},
		&cli.StringSliceFlag{Name: "disable-rule", Usage: "HTML: turn off a boilerplate rule (" + strings.Join(fetch.Rules, ", ") + "); repeatable", Destination: &o.disableRules},
		&cli.StringFlag{Name: "extractor", Value: fetch.ExtractorAuto, Usage: "HTML: auto (site profile, else readability with boilerplate rules), readability (the library alone) or page (whole page)", Destination: &o.extractor},
	}
}

func profilesPathHint() string {
	p, err := fetch.UserProfilesPath()
	if err != nil {
		return "clausediff/" + fetch.ProfilesFileName + " in the user config dir"
	}
	return p
}

func userAgent() string {
	return "clausediff/" + version + " (+https://github.com/clausediff/clausediff)"
}

// loadOptions turns the flags into fetch.Options.
func (o *fetchOptions) loadOptions(e *env, format string) (fetch.Options, error) {
	var opt fetch.Options
	switch o.extractor {
	case fetch.ExtractorAuto, fetch.ExtractorReadability, fetch.ExtractorPage:
	default:
		return opt, usageError{fmt.Errorf("--extractor %q: want auto, readability or page", o.extractor)}
	}
	if o.timeout <= 0 || o.connectTimeout <= 0 {
		return opt, usageError{fmt.Errorf("--timeout and --connect-timeout must be positive")}
	}
	if o.maxBytes <= 0 {
		return opt, usageError{fmt.Errorf("--max-bytes %d: want a positive number", o.maxBytes)}
	}
	if o.retries < 0 {
		return opt, usageError{fmt.Errorf("--retries %d: want 0 or more", o.retries)}
	}
	for _, r := range o.disableRules {
		if !slices.Contains(fetch.Rules, r) {
			return opt, usageError{fmt.Errorf("--disable-rule %q: want one of %s", r, strings.Join(fetch.Rules, ", "))}
		}
	}
	ua := o.userAgent
	if ua == "" {
		ua = userAgent()
	}
	retries := o.retries
	if retries == 0 {
		retries = -1 // fetch: negative means none
	}
	var profiles []*fetch.Profile
	var err error
	if o.profiles != "" {
		profiles, err = fetch.LoadProfiles(o.profiles, false)
	} else if p, perr := fetch.UserProfilesPath(); perr == nil {
		profiles, err = fetch.LoadProfiles(p, true)
	}
	if err != nil {
		return opt, err
	}
	opt = fetch.Options{
		Format: format,
		Stdin:  e.stdin,
		HTTP: fetch.HTTPOptions{
			ConnectTimeout: o.connectTimeout,
			Deadline:       o.timeout,
			MaxBytes:       o.maxBytes,
			UserAgent:      ua,
			Retries:        retries,
		},
		Extract: fetch.ExtractOptions{
			Selector:     o.selector,
			Profiles:     profiles,
			Extractor:    o.extractor,
			DisableRules: o.disableRules,
		},
	}
	return opt, nil
}

// warn prints a document's warnings on stderr.
func warn(e *env, d *fetch.Document) {
	src := d.Source
	if src == "-" {
		src = "standard input"
	}
	for _, w := range d.Warnings {
		fmt.Fprintf(e.stderr, "clausediff: warning: %s: %s\n", src, w)
	}
}

type extractOptions struct {
	fetchOptions
	format string
	url    string
	from   string
}

var extractFormats = []string{"text", "md", "json"}

func extractCommand(e *env) *cli.Command {
	var o extractOptions
	flags := []cli.Flag{
		&cli.StringFlag{Name: "format", Aliases: []string{"f"}, Value: "text", Usage: "output: text (paragraphs separated by blank lines), md (Markdown) or json (text and what the page states about itself)", Destination: &o.format},
		&cli.StringFlag{Name: "url", Usage: "for a saved page: the `URL` it was saved from (selects site profiles)", Destination: &o.url},
		&cli.StringFlag{Name: "from", Usage: "input format: text, markdown or html (default: from the Content-Type, the name and the content)", Destination: &o.from},
	}
	return &cli.Command{
		Name:      "extract",
		Usage:     "print the main text clausediff reads from a web page or file",
		ArgsUsage: "URL|FILE   (or - for standard input)",
		Description: "Fetches the page (or reads the file), decodes it, finds the statement's main text\n" +
			"(a site profile, --selector, or automatic extraction) and prints it. Warnings (an\n" +
			"extraction under 50 words, a profile whose selector matched nothing) go to stderr\n" +
			"and into the JSON.",
		Flags: append(flags, o.fetchOptions.flags()...),
		Action: func(ctx context.Context, c *cli.Command) error {
			args := c.Args().Slice()
			if len(args) != 1 {
				return usageError{fmt.Errorf("extract needs one input, got %d", len(args))}
			}
			return runExtract(ctx, e, &o, args[0])
		},
	}
}

func runExtract(ctx context.Context, e *env, o *extractOptions, src string) error {
	switch o.format {
	case "text", "md", "json":
	case "markdown":
		o.format = "md"
	default:
		return usageError{fmt.Errorf("--format %q: want one of %s", o.format, strings.Join(extractFormats, ", "))}
	}
	from, err := inputFormat(o.from)
	if err != nil {
		return err
	}
	opt, err := o.loadOptions(e, from)
	if err != nil {
		return err
	}
	if o.url != "" {
		if fetch.IsURL(src) {
			return usageError{fmt.Errorf("--url is for saved pages; %s is fetched and its own URL is used", src)}
		}
		opt.Extract.URL = o.url
	}
	doc, err := fetch.Load(ctx, src, opt)
	if err != nil {
		return err
	}
	warn(e, doc)
	switch o.format {
	case "json":
		return writeExtractJSON(e.stdout, doc)
	case "md":
		_, err = io.WriteString(e.stdout, fetch.Markdown(doc))
	default:
		_, err = io.WriteString(e.stdout, doc.Text)
	}
	return err
}

func inputFormat(from string) (string, error) {
	switch from {
	case "", fetch.FormatText, fetch.FormatMarkdown, fetch.FormatHTML:
		return from, nil
	case "md":
		return fetch.FormatMarkdown, nil
	}
	return "", usageError{fmt.Errorf("--from %q: want text, markdown or html", from)}
}

type extractJSON struct {
	Source      string        `json:"source"`
	Title       string        `json:"title,omitempty"`
	Byline      string        `json:"byline,omitempty"`
	Published   string        `json:"published,omitempty"`
	Modified    string        `json:"modified,omitempty"`
	Canonical   string        `json:"canonical,omitempty"`
	Language    string        `json:"language,omitempty"`
	URL         string        `json:"url,omitempty"`
	Archived    string        `json:"archived_url,omitempty"`
	Status      int           `json:"status,omitempty"`
	ContentType string        `json:"content_type,omitempty"`
	Retrieved   string        `json:"retrieved,omitempty"`
	NotModified bool          `json:"not_modified,omitempty"`
	SHA256      string        `json:"sha256"`
	Bytes       int           `json:"bytes"`
	Format      string        `json:"format"`
	Charset     string        `json:"charset,omitempty"`
	CharsetFrom string        `json:"charset_source,omitempty"`
	Method      string        `json:"method,omitempty"`
	Words       int           `json:"words"`
	Warnings    []string      `json:"warnings"`
	Paragraphs  []fetch.Block `json:"paragraphs"`
}

func writeExtractJSON(w io.Writer, d *fetch.Document) error {
	out := extractJSON{
		Source: d.Source, Title: d.Title, Byline: d.Byline, Published: d.Published, Modified: d.Modified,
		Canonical: d.Canonical, Language: d.Language, URL: d.URL, Archived: d.Archived, Status: d.Status,
		ContentType: d.ContentType, NotModified: d.NotModified, SHA256: d.SHA256, Bytes: d.Size,
		Format: d.Format, Charset: d.Charset, CharsetFrom: d.CharsetSource, Method: d.Method,
		Words: fetch.WordCount(d.Text), Warnings: d.Warnings, Paragraphs: fetch.Paragraphs(d),
	}
	if out.Warnings == nil {
		out.Warnings = []string{}
	}
	if !d.RetrievedAt.IsZero() {
		out.Retrieved = d.RetrievedAt.UTC().Format(time.RFC3339)
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(out)
}
