package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"strconv"
	"strings"
	"time"

	"bina"
	"bina/internal/argon2id"
	"bina/internal/refdata"
	"bina/internal/sqlstore"
)

// common holds the flags every subcommand that opens the database shares.
type common struct {
	db           string
	region       string
	ratTolerance int
	binaanYears  int // pembinaan (issue 11)
}

// register adds the common flags to fs with their environment fallbacks.
// `bina user add` has a --region flag of its own (the officer's area), so
// there the deployment's region comes from BINA_REGION only.
func (c *common) register(fs *flag.FlagSet, getenv func(string) string) {
	fs.StringVar(&c.db, "db", envOr(getenv, "BINA_DB", "bina.db"), "SQLite file or postgres:// URL (BINA_DB)")
	c.region = envOr(getenv, "BINA_REGION", "61.12")
	if !strings.HasPrefix(fs.Name(), "user ") {
		fs.StringVar(&c.region, "region", c.region, "deployment region code, or \"all\" (BINA_REGION)")
	}
	tol, _ := strconv.Atoi(envOr(getenv, "BINA_RAT_TOLERANCE", "0"))
	fs.IntVar(&c.ratTolerance, "rat-tolerance", tol, "missed RAT years still counted active (BINA_RAT_TOLERANCE)")
	fs.IntVar(&c.binaanYears, "binaan-years", envInt(getenv, "BINA_BINAAN_YEARS", bina.DefaultConfig().BinaanYears),
		"years a business stays binaan after the office last reached it (BINA_BINAAN_YEARS)")
}

func envOr(getenv func(string) string, key, def string) string {
	if v := getenv(key); v != "" {
		return v
	}
	return def
}

// envInt returns the integer in the environment variable key, or def when
// it is unset or not a number.
func envInt(getenv func(string) string, key string, def int) int {
	if n, err := strconv.Atoi(getenv(key)); err == nil {
		return n
	}
	return def
}

// envDuration returns the duration ("15m", "1h") in the environment
// variable key, or def when it is unset or not a duration.
func envDuration(getenv func(string) string, key string, def time.Duration) time.Duration {
	if d, err := time.ParseDuration(getenv(key)); err == nil && d > 0 {
		return d
	}
	return def
}

// config turns the flags into a bina.Config.
func (c *common) config() bina.Config {
	cfg := bina.DefaultConfig()
	cfg.Region = bina.RegionCode(c.region)
	if c.region == "all" || c.region == "indonesia" {
		cfg.Region = ""
	}
	cfg.RATTolerance = c.ratTolerance
	cfg.BinaanYears = c.binaanYears
	return cfg
}

// open loads the reference data and opens (and migrates) the store.
func (c *common) open(ctx context.Context, log *slog.Logger, migrate bool) (*sqlstore.Store, bina.Reference, error) {
	ref, err := refdata.Reference(c.config())
	if err != nil {
		return nil, ref, err
	}
	store, err := sqlstore.Open(ctx, c.db, ref, argon2id.New(), log)
	if err != nil {
		return nil, ref, err
	}
	if migrate {
		if err := store.Migrate(ctx); err != nil {
			store.Close()
			return nil, ref, err
		}
	}
	return store, ref, nil
}

// usageError is what a subcommand returns when its flags do not parse:
// flag.ErrHelp when help was asked for (run ends with status 0), else
// errUsage (the flag package printed the problem).
func usageError(err error) error {
	if errors.Is(err, flag.ErrHelp) {
		return flag.ErrHelp
	}
	return errUsage
}

// parseFiles parses a subcommand's flags, which may come before or after
// its file arguments, and returns the files.
func parseFiles(fs *flag.FlagSet, args []string, stderr io.Writer) ([]string, error) {
	fs.SetOutput(stderr)
	var files []string
	for rest := args; ; {
		if err := fs.Parse(rest); err != nil {
			return nil, usageError(err)
		}
		if fs.NArg() == 0 {
			return files, nil
		}
		files = append(files, fs.Arg(0))
		rest = fs.Args()[1:]
	}
}

// parse parses a subcommand's flags, printing errors to stderr.
func parse(fs *flag.FlagSet, args []string, stderr io.Writer) error {
	fs.SetOutput(stderr)
	if err := fs.Parse(args); err != nil {
		return usageError(err)
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(stderr, "bina %s: unexpected argument %q\n", fs.Name(), fs.Arg(0))
		return errUsage
	}
	return nil
}
