package main

import (
	"bufio"
	"context"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"strings"
	"text/tabwriter"
	"time"

	"bina"
	"bina/internal/sqlstore"
)

const userUsage = `Usage:
  bina user list    --db ...
  bina user add     --db ... --name NAME --role admin|staff|officer|viewer [--region CODE]   (password on standard input)
  bina user set     --db ... --name NAME [--role ROLE] [--region CODE]
  bina user disable --db ... --name NAME
  bina user enable  --db ... --name NAME
  bina user reset   --db ... --name NAME [--url BASE]   (prints a one-time link that expires)
  bina user tokens  --db ... --name NAME
  bina user token   --db ... --name NAME [--label LABEL] [--days N]
  bina user revoke  --db ... --token-id ID | --all [--name NAME]
  bina user unblock --db ... --name NAME | --address ADDR
`

// userCommands are the subcommands of `bina user`.
var userCommands = map[string]bool{"list": true, "add": true, "set": true, "disable": true, "enable": true, "reset": true,
	"tokens": true, "token": true, "revoke": true, "unblock": true}

func cmdUser(ctx context.Context, args []string, getenv func(string) string, stdin io.Reader, stdout, stderr io.Writer) error {
	if len(args) > 0 && isHelp(args[0]) {
		fmt.Fprint(stdout, userUsage)
		return nil
	}
	if len(args) == 0 || !userCommands[args[0]] {
		fmt.Fprint(stderr, userUsage)
		return errUsage
	}
	sub := args[0]
	fs := flag.NewFlagSet("user "+sub, flag.ContinueOnError)
	var c common
	c.register(fs, getenv)
	name := fs.String("name", "", "user name")
	role := fs.String("role", "", "admin, staff, officer or viewer (add, set)")
	region := fs.String("region", "", "kecamatan or desa code of a field officer (add, set)")
	base := fs.String("url", envOr(getenv, "BINA_URL", "http://127.0.0.1:8080"), "the address users open Bina at, for reset links (BINA_URL)")
	label := fs.String("label", "token", "the token's name, saying what uses it (token)")
	days := fs.Int("days", int(bina.DefaultTokenLife/(24*time.Hour)), "days the token is valid, at most 366 (token)")
	tokenID := fs.Int64("token-id", 0, "the token to revoke (revoke)")
	all := fs.Bool("all", false, "revoke every token, of --name or of every account (revoke)")
	address := fs.String("address", "", "client address whose sign-in delays to clear (unblock)")
	if err := parse(fs, args[1:], stderr); err != nil {
		return err
	}
	needName := map[string]bool{"add": true, "set": true, "disable": true, "enable": true, "reset": true, "tokens": true, "token": true}
	if needName[sub] && *name == "" {
		fmt.Fprintf(stderr, "bina user %s: --name is required\n\n%s", sub, userUsage)
		return errUsage
	}
	store, _, err := c.open(ctx, slog.New(slog.NewTextHandler(stderr, nil)), true)
	if err != nil {
		return err
	}
	defer store.Close()
	// The command line acts as the system: whoever can run it can read
	// the database anyway.
	find := func() (*bina.User, error) { return store.FindUserByName(ctx, *name) }
	switch sub {
	case "list":
		return listUsers(ctx, store, stdout)
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
	case "set":
		u, err := find()
		if err != nil {
			return err
		}
		r, reg := u.Role, u.Region
		if *role != "" {
			r = bina.Role(*role)
		}
		if *region != "" {
			reg = bina.RegionCode(*region)
		}
		if u, err = store.UpdateUser(ctx, u.ID, r, reg); err != nil {
			return err
		}
		fmt.Fprintf(stdout, "Pengguna %s sekarang %s.\n", u.Name, strings.TrimSpace(string(u.Role)+" "+string(u.Region)))
	case "disable", "enable":
		u, err := find()
		if err != nil {
			return err
		}
		if err := store.SetDisabled(ctx, u.ID, sub == "disable"); err != nil {
			return err
		}
		if sub == "disable" {
			fmt.Fprintf(stdout, "Pengguna %s dinonaktifkan; sesi dan tokennya berakhir.\n", u.Name)
		} else {
			fmt.Fprintf(stdout, "Pengguna %s diaktifkan kembali.\n", u.Name)
		}
	case "reset":
		u, err := find()
		if err != nil {
			return err
		}
		secret, exp, err := store.CreateResetLink(ctx, u.ID)
		if err != nil {
			return err
		}
		fmt.Fprintln(stdout, ResetURL(*base, secret))
		fmt.Fprintf(stderr, "Tautan sekali pakai untuk %s, berlaku sampai %s.\n", u.Name, exp.Format(time.RFC3339))
	case "tokens":
		u, err := find()
		if err != nil {
			return err
		}
		toks, err := store.ListTokens(ctx, u.ID)
		if err != nil {
			return err
		}
		return printTokens(toks, stdout)
	case "token":
		u, err := find()
		if err != nil {
			return err
		}
		tok, _, err := store.IssueToken(ctx, u.ID, *label, time.Now().Add(time.Duration(*days)*24*time.Hour))
		if err != nil {
			return err
		}
		fmt.Fprintln(stdout, tok)
	case "revoke":
		return revokeTokens(ctx, store, *tokenID, *all, *name, stdout, stderr)
	case "unblock":
		if (*name == "") == (*address == "") {
			fmt.Fprintf(stderr, "bina user unblock: give --name or --address\n\n%s", userUsage)
			return errUsage
		}
		if err := store.ClearThrottles(ctx, *name, *address); err != nil {
			return err
		}
		fmt.Fprintln(stdout, "Penundaan masuk dihapus.")
	}
	return nil
}

// ResetURL is the address of the page that sets a new password with a
// reset secret (the web's /atur-sandi); the secret travels in the query,
// which the request log never records.
func ResetURL(base, secret string) string {
	return strings.TrimRight(base, "/") + "/atur-sandi?t=" + secret
}

// listUsers prints one account a line: name, role, region ("-" for
// none) and state (active or disabled), separated by tabs.
func listUsers(ctx context.Context, store *sqlstore.Store, stdout io.Writer) error {
	users, err := store.ListUsers(ctx)
	if err != nil {
		return err
	}
	for _, u := range users {
		reg, state := string(u.Region), "active"
		if reg == "" {
			reg = "-"
		}
		if u.Disabled {
			state = "disabled"
		}
		fmt.Fprintf(stdout, "%s\t%s\t%s\t%s\n", u.Name, u.Role, reg, state)
	}
	return nil
}

// printTokens prints a table of tokens: id, name, made, expires, last
// used and state.
func printTokens(toks []bina.Token, stdout io.Writer) error {
	tw := tabwriter.NewWriter(stdout, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "ID\tNAME\tCREATED\tEXPIRES\tLAST USED\tSTATE")
	day := func(t time.Time) string {
		if t.IsZero() {
			return "-"
		}
		return t.Format("2006-01-02 15:04")
	}
	now := time.Now()
	for _, t := range toks {
		state := "live"
		switch {
		case !t.RevokedAt.IsZero():
			state = "revoked"
		case !t.Live(now):
			state = "expired"
		}
		fmt.Fprintf(tw, "%d\t%s\t%s\t%s\t%s\t%s\n", t.ID, t.Name, day(t.CreatedAt), day(t.ExpiresAt), day(t.LastUsedAt), state)
	}
	return tw.Flush()
}

// revokeTokens revokes one token by id, or with all every token of one
// account (name) or of every account.
func revokeTokens(ctx context.Context, store *sqlstore.Store, id int64, all bool, name string, stdout, stderr io.Writer) error {
	if (id == 0) == !all {
		fmt.Fprintf(stderr, "bina user revoke: give --token-id or --all\n\n%s", userUsage)
		return errUsage
	}
	if id != 0 {
		if err := store.RevokeToken(ctx, id); err != nil {
			return err
		}
		fmt.Fprintf(stdout, "Token %d dicabut.\n", id)
		return nil
	}
	var uid int64
	if name != "" {
		u, err := store.FindUserByName(ctx, name)
		if err != nil {
			return err
		}
		uid = u.ID
	}
	n, err := store.RevokeTokens(ctx, uid)
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "%d token dicabut.\n", n)
	return nil
}
