// Command bina runs Bina, the register of cooperatives and UMKM of a regency
// office: `bina serve` starts the web server on an embedded SQLite file (or
// PostgreSQL), `bina demo` fills the Kubu Raya demo data, `bina user` manages
// accounts. See README.md.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"runtime/pprof"
	"syscall"

	"bina"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	endProfile := startProfile(os.Getenv("BINA_CPUPROFILE"))
	err := run(ctx, os.Args[1:], os.Getenv, os.Stdin, os.Stdout, os.Stderr)
	endProfile()
	stop()
	if err != nil {
		if !errors.Is(err, errUsage) {
			fmt.Fprintln(os.Stderr, "bina:", errorLine(err))
		}
		os.Exit(1)
	}
}

// startProfile writes a CPU profile of the command to path (the
// environment's BINA_CPUPROFILE; nothing when empty), for `go tool pprof`,
// and returns the function that ends it.
func startProfile(path string) func() {
	if path == "" {
		return func() {}
	}
	f, err := os.Create(path)
	if err == nil {
		err = pprof.StartCPUProfile(f)
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "bina: BINA_CPUPROFILE:", err)
		return func() {}
	}
	return func() {
		pprof.StopCPUProfile()
		f.Close()
	}
}

// errUsage is returned after a usage message was already printed.
var errUsage = errors.New("usage")

// errorLine returns what a person at a terminal should read for err: the
// Indonesian and English messages of a bina error with its field problems.
func errorLine(err error) string {
	var be *bina.Error
	if errors.As(err, &be) && be.Code != bina.Internal {
		s := be.Message.ID
		for _, f := range be.Fields {
			s += "\n  " + f.Field + ": " + f.Message.ID
		}
		return s
	}
	return err.Error()
}

const usage = `Bina: register of cooperatives and UMKM for a regency office.

Usage:
  bina serve   [--addr 127.0.0.1:8080] [--db bina.db|postgres://...] [--demo]
  bina migrate [--db ...]
  bina demo    [--db ...] [--scale N]
  bina import  [--db ...] [--template bina|sidt|koperasi|NAME] [--dry-run] [--json] FILE
               [--kind attendance --programme ID [--activity ID]]  a programme's attendance sheet
  bina user list|add|set|disable|enable|reset|tokens|token|revoke|unblock ...   (bina user for details)
  bina binaan refresh [--db ...] [--binaan-years 3]
  bina laporan perkembangan [--db ...] --tahun YYYY [--wilayah CODE] [--format xlsx|csv] [--out FILE]
  bina backup  [--db ...] FILE   a consistent copy of the register while servers use it (SQLite file or pg_dump)
  bina version

Common flags (with environment fallback):
  --db             database: a SQLite file path or a postgres:// URL (BINA_DB, default bina.db)
  --region         the deployment's Kemendagri region code: 61.12 Kubu Raya (default), 61 a province, "all" for Indonesia (BINA_REGION)
  --rat-tolerance  missed RAT years a cooperative may have and still count as active (BINA_RAT_TOLERANCE, default 0)
  --binaan-years   years a business stays binaan after the office last reached it (BINA_BINAAN_YEARS, default 3)
`

// run is the whole program, with its outside world passed in so that tests
// can call it.
func run(ctx context.Context, args []string, getenv func(string) string, stdin io.Reader, stdout, stderr io.Writer) error {
	err := dispatch(ctx, args, getenv, stdin, stdout, stderr)
	if errors.Is(err, flag.ErrHelp) {
		return nil // the subcommand printed its help, as asked
	}
	return err
}

// isHelp tells whether a command's first argument asks for its help.
func isHelp(arg string) bool {
	return arg == "help" || arg == "-h" || arg == "--help" || arg == "-help"
}

// dispatch runs the subcommand that args name.
func dispatch(ctx context.Context, args []string, getenv func(string) string, stdin io.Reader, stdout, stderr io.Writer) error {
	if len(args) == 0 {
		fmt.Fprint(stderr, usage)
		return errUsage
	}
	switch args[0] {
	case "serve":
		return cmdServe(ctx, args[1:], getenv, stdout, stderr)
	case "migrate":
		return cmdMigrate(ctx, args[1:], getenv, stdout, stderr)
	case "demo":
		return cmdDemo(ctx, args[1:], getenv, stdout, stderr)
	case "import":
		return cmdImport(ctx, args[1:], getenv, stdout, stderr)
	case "backup": // operations (issue 14)
		return cmdBackup(ctx, args[1:], getenv, stdout, stderr)
	case "user":
		return cmdUser(ctx, args[1:], getenv, stdin, stdout, stderr)
	case "binaan": // pembinaan (issue 11)
		return cmdBinaan(ctx, args[1:], getenv, stdout, stderr)
	case "laporan": // the perkembangan koperasi report (issue 12)
		return cmdReport(ctx, args[1:], getenv, stdout, stderr)
	case "version":
		fmt.Fprintln(stdout, "bina", version)
		return nil
	}
	if isHelp(args[0]) {
		fmt.Fprint(stdout, usage)
		return nil
	}
	fmt.Fprintf(stderr, "bina: unknown command %q\n\n%s", args[0], usage)
	return errUsage
}

const version = "0.1.0"
