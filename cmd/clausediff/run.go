package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/urfave/cli/v3"
	"golang.org/x/term"
)

// version is set at build time with -ldflags "-X main.version=…".
var version = "0.1.0-dev"

// Exit codes, as diff(1) has them.
const (
	exitOK          = 0 // success; with --exit-code, no differences
	exitDifferences = 1 // with --exit-code: the inputs differ
	exitError       = 2 // anything went wrong
)

// errDifferences is returned by a command that ran well and found
// differences the user asked to hear about through the exit code.
var errDifferences = errors.New("differences found")

// usageError is a mistake in the command line.
type usageError struct{ err error }

func (e usageError) Error() string { return e.err.Error() }
func (e usageError) Unwrap() error { return e.err }

// env is what a command may touch outside its arguments.
type env struct {
	stdin          io.Reader
	stdout, stderr io.Writer
	getenv         func(string) string
}

// run is the whole program: it parses args (args[0] is the program name),
// runs the command and maps the outcome to an exit code — in this one place.
func run(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	e := &env{stdin: stdin, stdout: stdout, stderr: stderr, getenv: os.Getenv}
	root := newRoot(e)
	err := root.Run(ctx, args)
	switch {
	case err == nil:
		return exitOK
	case errors.Is(err, errDifferences):
		return exitDifferences
	}
	var ue usageError
	if errors.As(err, &ue) {
		fmt.Fprintf(stderr, "clausediff: %v\nRun 'clausediff --help' for usage.\n", ue.err)
		return exitError
	}
	msg := err.Error()
	if !strings.HasPrefix(msg, "clausediff: ") {
		msg = "clausediff: " + msg
	}
	fmt.Fprintln(stderr, msg)
	return exitError
}

func newRoot(e *env) *cli.Command {
	onUsage := func(_ context.Context, _ *cli.Command, err error, _ bool) error { return usageError{err} }
	cmds := []*cli.Command{compareCommand(e), extractCommand(e)}
	for _, c := range cmds {
		c.OnUsageError = onUsage
	}
	return &cli.Command{
		Name:                  "clausediff",
		Usage:                 "align two statements clause by clause and show what matches and what diverges",
		Version:               version,
		Writer:                e.stdout,
		ErrWriter:             e.stderr,
		Commands:              cmds,
		OnUsageError:          onUsage,
		ExitErrHandler:        func(context.Context, *cli.Command, error) {},
		EnableShellCompletion: false,
		HideHelpCommand:       true,
	}
}

// isTerminal reports whether w is a terminal.
func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	return ok && term.IsTerminal(int(f.Fd()))
}

// terminalWidth returns the width of the terminal w, or 0.
func terminalWidth(w io.Writer) int {
	f, ok := w.(*os.File)
	if !ok {
		return 0
	}
	wd, _, err := term.GetSize(int(f.Fd()))
	if err != nil {
		return 0
	}
	return wd
}
