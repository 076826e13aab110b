package main

import (
	"context"
	"regexp"
	"slices"
	"strings"
	"testing"
)

// TestEveryHelpExitsZero: --help and -h of every subcommand that the usage
// text lists, and of every `bina user` and `bina binaan` subcommand, print
// help and succeed (main exits 0 when run returns nil) without touching a
// database.
func TestEveryHelpExitsZero(t *testing.T) {
	var commands [][]string
	for _, m := range regexp.MustCompile(`(?m)^  bina (\w+)`).FindAllStringSubmatch(usage, -1) {
		commands = append(commands, []string{m[1]})
	}
	for sub := range userCommands {
		commands = append(commands, []string{"user", sub})
	}
	commands = append(commands, []string{"binaan", "refresh"}, []string{"help"})
	if !slices.ContainsFunc(commands, func(c []string) bool { return c[0] == "backup" }) {
		t.Fatalf("the usage text lists no backup command:\n%s", usage)
	}
	for _, cmd := range commands {
		for _, flag := range []string{"--help", "-h"} {
			args := append(slices.Clone(cmd), flag)
			t.Run(strings.Join(args, " "), func(t *testing.T) {
				t.Chdir(t.TempDir()) // a command that opened the default bina.db would leave it here
				var stdout, stderr syncBuffer
				if err := run(context.Background(), args, env(nil), strings.NewReader(""), &stdout, &stderr); err != nil {
					t.Fatalf("bina %s: %v\nstderr: %s", strings.Join(args, " "), err, stderr.String())
				}
				if stdout.String()+stderr.String() == "" {
					t.Errorf("bina %s printed no help", strings.Join(args, " "))
				}
			})
		}
	}
	// The bare command groups also answer their help.
	for _, args := range [][]string{{"user", "--help"}, {"binaan", "--help"}, {"--help"}} {
		if err := run(context.Background(), args, env(nil), strings.NewReader(""), &syncBuffer{}, &syncBuffer{}); err != nil {
			t.Errorf("bina %s: %v", strings.Join(args, " "), err)
		}
	}
}
