module github.com/clausediff/clausediff

go 1.26.8

require (
	codeberg.org/readeck/go-readability/v2 v2.1.3
	github.com/andybalholm/cascadia v1.3.4
	github.com/chromedp/cdproto v0.159.3
	github.com/chromedp/chromedp v0.23.0
	github.com/gogs/chardet v0.0.0-20211120154057-b7413eaefb8f
	github.com/sergi/go-diff v1.4.0
	github.com/urfave/cli/v3 v3.14.0
	github.com/yuin/goldmark v1.8.7
	golang.org/x/net v0.58.0
	golang.org/x/term v0.48.0
	golang.org/x/text v0.44.0
)

require (
	github.com/go-json-experiment/json v0.0.0-20260213210345-44df1a37e875 // indirect
	github.com/go-shiori/dom v0.0.0-20230515143342-73569d674e1c // indirect
	github.com/itlightning/dateparse v0.2.1 // indirect
	golang.org/x/sys v0.50.0 // indirect
)
