package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"log/slog"
)

// cmdBinaan runs `bina binaan refresh`: what the daily job does, at once,
// for example after changing --binaan-years.
func cmdBinaan(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) error {
	if len(args) > 0 && isHelp(args[0]) {
		fmt.Fprintln(stdout, "Usage: bina binaan refresh [--db ...] [--binaan-years N]")
		return nil
	}
	if len(args) == 0 || args[0] != "refresh" {
		fmt.Fprintln(stderr, "Usage: bina binaan refresh [--db ...] [--binaan-years N]")
		return errUsage
	}
	fs := flag.NewFlagSet("binaan refresh", flag.ContinueOnError)
	var c common
	c.register(fs, getenv)
	if err := parse(fs, args[1:], stderr); err != nil {
		return err
	}
	store, _, err := c.open(ctx, slog.New(slog.NewTextHandler(stderr, nil)), true)
	if err != nil {
		return err
	}
	defer store.Close()
	n, err := store.RefreshBinaan(ctx)
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "Status binaan diperbarui: %d usaha berubah.\n", n)
	return nil
}
