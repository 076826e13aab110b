package main

import (
	"bytes"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net/url"
	"os"
	"os/exec"
	"strings"
	"syscall"
	"time"

	"bina"
	"bina/internal/progress"
	"bina/internal/safefile"
)

const backupUsage = "Usage: bina backup [--db bina.db|postgres://...] FILE"

// cmdBackup writes a consistent copy of the register to FILE while
// servers go on using it: a SQLite file through sqlstore.Store.Backup, a
// PostgreSQL database through pg_dump in its custom format (restored with
// pg_restore; see README.md). FILE is replaced only by a whole copy.
func cmdBackup(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("backup", flag.ContinueOnError)
	var c common
	c.register(fs, getenv)
	fs.Usage = func() {
		fmt.Fprintln(fs.Output(), backupUsage)
		fs.PrintDefaults()
	}
	files, err := parseFiles(fs, args, stderr)
	if err != nil {
		return err
	}
	if len(files) != 1 {
		fmt.Fprintln(stderr, backupUsage)
		return errUsage
	}
	dest := files[0]
	start := time.Now()
	if isPostgres(c.db) {
		if err := checkPostgres(ctx, &c, stderr); err != nil {
			return err
		}
		if err := pgDump(ctx, c.db, dest, stderr); err != nil {
			return err
		}
	} else {
		if err := backupSQLite(ctx, &c, dest, stderr); err != nil {
			return err
		}
	}
	fi, err := os.Stat(dest)
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "Cadangan ditulis: %s (%.1f MB, %s)\n", dest, float64(fi.Size())/1e6, time.Since(start).Round(time.Millisecond))
	return nil
}

func isPostgres(dsn string) bool {
	return strings.HasPrefix(dsn, "postgres://") || strings.HasPrefix(dsn, "postgresql://")
}

// backupSQLite copies the SQLite file of c.db to dest. The source must
// exist (opening a missing path would create an empty register) and is
// not migrated: a backup changes nothing in it.
func backupSQLite(ctx context.Context, c *common, dest string, stderr io.Writer) error {
	src := strings.TrimPrefix(c.db, "file:")
	if i := strings.IndexByte(src, '?'); i >= 0 {
		src = src[:i]
	}
	if _, err := os.Stat(src); err != nil {
		return bina.Errorf(bina.Invalid, "Basis data %s tidak ditemukan.", "There is no database at %s.", src)
	}
	if same(src, dest) {
		return bina.Errorf(bina.Invalid, "Cadangan tidak boleh menimpa basis datanya sendiri (%s).", "The backup cannot overwrite its own database (%s).", dest)
	}
	store, _, err := c.open(ctx, slog.New(slog.NewTextHandler(stderr, &slog.HandlerOptions{Level: slog.LevelWarn})), false)
	if err != nil {
		return err
	}
	defer store.Close()
	bar := progress.New(stderr, "Cadangan", progress.Bytes)
	defer bar.Done()
	return store.Backup(ctx, dest, bar.Set)
}

// checkPostgres opens the PostgreSQL register of c.db, without migrating
// it, to refuse a backup during a first load.
func checkPostgres(ctx context.Context, c *common, stderr io.Writer) error {
	store, _, err := c.open(ctx, slog.New(slog.NewTextHandler(stderr, &slog.HandlerOptions{Level: slog.LevelWarn})), false)
	if err != nil {
		return err
	}
	defer store.Close()
	return store.CheckBackup(ctx)
}

// same tells whether paths a and b name the same file.
func same(a, b string) bool {
	fa, err := os.Stat(a)
	if err != nil {
		return false
	}
	fb, err := os.Stat(b)
	return err == nil && os.SameFile(fa, fb)
}

// pgDump runs pg_dump in its custom format (compressed, restored table by
// table with pg_restore) into a temporary file that replaces dest when
// pg_dump succeeded (safefile.Replace). pg_dump reads one snapshot in
// a repeatable-read transaction, so the copy is consistent while servers
// write. The search_path of a URL (a deployment in a schema of its own)
// becomes pg_dump's --schema, which libpq would not take in the URL.
func pgDump(ctx context.Context, dsn, dest string, stderr io.Writer) error {
	bin, err := exec.LookPath("pg_dump")
	if err != nil {
		return bina.Errorf(bina.Invalid, "pg_dump tidak ditemukan; pasang klien PostgreSQL (paket postgresql-client) yang versinya sama atau lebih baru dari server.",
			"pg_dump was not found; install the PostgreSQL client (package postgresql-client) of the server's version or newer.")
	}
	conn, schemas, err := pgDumpTarget(dsn)
	if err != nil {
		return err
	}
	bar := progress.New(stderr, "Cadangan", progress.Bytes)
	defer bar.Done()
	var out bytes.Buffer
	err = safefile.Replace(dest, func(tmp string) error {
		args := []string{"--format=custom", "--no-owner", "--no-privileges", "--file=" + tmp, "--dbname=" + conn}
		for _, s := range schemas {
			args = append(args, "--schema="+s)
		}
		cmd := exec.CommandContext(ctx, bin, args...)
		cmd.Stderr = &out
		if bar.Active() {
			defer safefile.WatchSize(tmp, func(size int64) { bar.Set(size, 0) })()
		}
		return cmd.Run()
	})
	var exitErr *exec.ExitError
	switch {
	case err == nil:
		return nil
	case errors.As(err, &exitErr) && strings.Contains(out.String(), "No space left on device"):
		return bina.BackupWriteError(dest, syscall.ENOSPC)
	case errors.As(err, &exitErr):
		return fmt.Errorf("pg_dump: %v: %s", err, strings.TrimSpace(out.String()))
	}
	return bina.BackupWriteError(dest, err)
}

// pgDumpTarget returns the URL pg_dump connects to and the schemas it
// dumps: those of the URL's search_path without "public", or none (the
// whole database) when the path names only public or nothing.
func pgDumpTarget(dsn string) (string, []string, error) {
	u, err := url.Parse(dsn)
	if err != nil {
		return "", nil, bina.Errorf(bina.Invalid, "Alamat PostgreSQL tidak sah.", "The PostgreSQL address is not valid.")
	}
	q := u.Query()
	var schemas []string
	for _, s := range strings.Split(q.Get("search_path"), ",") {
		if s = strings.TrimSpace(s); s != "" && s != "public" {
			schemas = append(schemas, s)
		}
	}
	// pgx's run-time parameters that libpq does not know as URL options.
	for _, k := range []string{"search_path", "plan_cache_mode"} {
		q.Del(k)
	}
	u.RawQuery = q.Encode()
	return u.String(), schemas, nil
}
