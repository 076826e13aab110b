package main

import (
	"bufio"
	"context"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"strings"

	"bina"
)

func cmdUser(ctx context.Context, args []string, getenv func(string) string, stdin io.Reader, stdout, stderr io.Writer) error {
	if len(args) == 0 || (args[0] != "add" && args[0] != "token") {
		fmt.Fprint(stderr, "Usage: bina user add|token --db ... --name NAME [--role ROLE] [--region CODE]\n")
		return errUsage
	}
	sub := args[0]
	fs := flag.NewFlagSet("user "+sub, flag.ContinueOnError)
	var c common
	c.register(fs, getenv)
	name := fs.String("name", "", "user name")
	role := fs.String("role", "", "admin, staff, officer or viewer (add)")
	region := fs.String("region", "", "kecamatan or desa code of a field officer (add)")
	if err := parse(fs, args[1:], stderr); err != nil {
		return err
	}
	store, _, err := c.open(ctx, slog.New(slog.NewTextHandler(stderr, nil)), true)
	if err != nil {
		return err
	}
	defer store.Close()
	switch sub {
	case "add":
		// The password comes on standard input so that it never shows in
		// the process list or the shell history.
		line, err := bufio.NewReader(stdin).ReadString('\n')
		if err != nil && err != io.EOF {
			return err
		}
		u := &bina.User{Name: *name, Role: bina.Role(*role), Region: bina.RegionCode(*region)}
		if err := store.CreateUser(ctx, u, strings.TrimRight(line, "\r\n")); err != nil {
			return err
		}
		fmt.Fprintf(stdout, "Pengguna %s (%s) dibuat.\n", u.Name, u.Role)
	case "token":
		u, err := store.FindUserByName(ctx, *name)
		if err != nil {
			return err
		}
		tok, err := store.CreateToken(ctx, u.ID)
		if err != nil {
			return err
		}
		fmt.Fprintln(stdout, tok)
	}
	return nil
}
