// Command clausediff aligns two statements clause by clause, regardless of
// order, and shows where their wording matches and where it diverges.
package main

import (
	"context"
	"os"
	"os/signal"
	"runtime/debug"
)

func main() {
	if os.Getenv("GOGC") == "" {
		// A comparison allocates a lot that lives until the report is
		// written; collecting half as often saves about a tenth of the
		// time on long documents, for a fifth more memory (measured on
		// the whole-Bible pair, scripts/perf.sh).
		debug.SetGCPercent(200)
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	code := run(ctx, os.Args, os.Stdin, os.Stdout, os.Stderr)
	stop()
	os.Exit(code)
}
