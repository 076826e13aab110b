package main

import (
	"bytes"
	"context"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// TestAccountCommands walks the account commands on a SQLite file.
func TestAccountCommands(t *testing.T) {
	ctx := context.Background()
	db := filepath.Join(t.TempDir(), "bina.db")
	var out, errb bytes.Buffer
	user := func(stdin string, args ...string) error {
		t.Helper()
		out.Reset()
		errb.Reset()
		return run(ctx, append([]string{"user", args[0], "--db", db}, args[1:]...), env(nil), strings.NewReader(stdin), &out, &errb)
	}
	mustRun := func(stdin string, args ...string) string {
		t.Helper()
		if err := user(stdin, args...); err != nil {
			t.Fatalf("user %v: %v %s", args, err, errb.String())
		}
		return out.String()
	}
	mustRun("sandi-yang-panjang\n", "add", "--name", "Admin", "--role", "admin")
	mustRun("sandi-yang-panjang\n", "add", "--name", "sri", "--role", "staff")
	if err := user("sandi-yang-panjang\n", "add", "--name", "adm\u200bin", "--role", "staff"); err == nil {
		t.Error("a name with a zero-width space accepted")
	}
	if err := user("😀😀😀\n", "add", "--name", "budi", "--role", "staff"); err == nil {
		t.Error("a password of three characters accepted")
	}

	mustRun("", "set", "--name", "sri", "--role", "officer", "--region", "61.12.05")
	mustRun("", "disable", "--name", "sri")
	if got, want := mustRun("", "list"), "admin\tadmin\t-\tactive\nsri\tofficer\t61.12.05\tdisabled\n"; got != want {
		t.Errorf("list:\n%s\nwant\n%s", got, want)
	}
	mustRun("", "enable", "--name", "sri")
	if got := mustRun("", "list"); !strings.Contains(got, "sri\tofficer\t61.12.05\tactive\n") {
		t.Errorf("list after enable:\n%s", got)
	}
	if err := user("", "disable", "--name", "admin"); err == nil {
		t.Error("the last administrator disabled")
	}

	link := mustRun("", "reset", "--name", "sri", "--url", "https://bina.example.go.id/")
	if !regexp.MustCompile(`^https://bina\.example\.go\.id/atur-sandi\?t=[A-Za-z0-9_-]{43}\n$`).MatchString(link) {
		t.Errorf("reset link %q", link)
	}

	tok := strings.TrimSpace(mustRun("", "token", "--name", "sri", "--label", "sidt-sync", "--days", "30"))
	if !strings.HasPrefix(tok, "bina_") {
		t.Errorf("token %q", tok)
	}
	mustRun("", "token", "--name", "sri")
	list := mustRun("", "tokens", "--name", "sri")
	if !regexp.MustCompile(`(?m)^1 +sidt-sync .* live$`).MatchString(list) || !regexp.MustCompile(`(?m)^2 +token .* live$`).MatchString(list) {
		t.Errorf("tokens:\n%s", list)
	}
	mustRun("", "revoke", "--token-id", "1")
	if list := mustRun("", "tokens", "--name", "sri"); !regexp.MustCompile(`(?m)^1 +sidt-sync .* revoked$`).MatchString(list) {
		t.Errorf("tokens after revoke:\n%s", list)
	}
	if got := mustRun("", "revoke", "--all"); got != "1 token dicabut.\n" {
		t.Errorf("revoke --all: %q", got)
	}
	if err := user("", "revoke"); err == nil {
		t.Error("revoke without --token-id or --all accepted")
	}
	mustRun("", "unblock", "--name", "sri")
}
