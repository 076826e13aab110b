package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"os"
	"strconv"
	"strings"

	"bina"
	"bina/internal/export"
	"bina/internal/sheet"
)

// cmdReport runs `bina laporan perkembangan`: the aggregate "perkembangan
// koperasi" report of a book year as the page writes it, for scripts and
// for the yearly coordination meeting.
func cmdReport(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) error {
	if len(args) > 0 && isHelp(args[0]) {
		fmt.Fprintln(stdout, "Usage: bina laporan perkembangan [--db ...] --tahun YYYY [--wilayah CODE] [--format xlsx|csv] [--out FILE]")
		return nil
	}
	if len(args) == 0 || args[0] != "perkembangan" {
		fmt.Fprintln(stderr, "Usage: bina laporan perkembangan [--db ...] --tahun YYYY [--wilayah CODE] [--format xlsx|csv] [--out FILE]")
		return errUsage
	}
	fs := flag.NewFlagSet("laporan perkembangan", flag.ContinueOnError)
	var c common
	c.register(fs, getenv)
	year := fs.Int("tahun", 0, "book year of the report (required)")
	area := fs.String("wilayah", "", "region of the report inside the deployment: a kecamatan or desa code (default: the whole deployment)")
	format := fs.String("format", "xlsx", "xlsx or csv")
	out := fs.String("out", "", "file to write (default perkembangan-koperasi-YEAR-REGION.FORMAT; - for standard output)")
	if err := parse(fs, args[1:], stderr); err != nil {
		return err
	}
	if *year == 0 || (*format != "xlsx" && *format != "csv") {
		fmt.Fprintln(stderr, "bina laporan perkembangan: --tahun is required and --format is xlsx or csv")
		return errUsage
	}
	store, _, err := c.open(ctx, slog.New(slog.NewTextHandler(stderr, &slog.HandlerOptions{Level: slog.LevelWarn})), true)
	if err != nil {
		return err
	}
	defer store.Close()
	rep, err := store.Perkembangan(ctx, bina.RegionCode(*area), *year)
	if err != nil {
		return err
	}
	header, rows := export.PerkembanganTable(rep, "id")
	name := *out
	if name == "" {
		name = "perkembangan-koperasi-" + strconv.Itoa(*year) + "-" + strings.ReplaceAll(string(rep.Region), ".", "") + "." + *format
	}
	w := stdout
	if name != "-" {
		f, err := os.Create(name)
		if err != nil {
			return err
		}
		defer f.Close()
		w = f
	}
	if _, err := sheet.WriteAll(w, *format, "Perkembangan koperasi", header, rows); err != nil {
		return err
	}
	if name != "-" {
		fmt.Fprintf(stdout, "Laporan perkembangan koperasi %d (%s): %s\n", *year, rep.Total.RegionName, name)
	}
	return nil
}
