package main

import (
	"bytes"
	"context"
	"path/filepath"
	"strconv"
	"testing"

	"bina"
	"bina/internal/sqlstore/sqlstoretest"
)

// BenchmarkDemoFill measures `bina demo` on a fresh database: generating the
// Kubu Raya case and loading it (issue 2's budget: under 5 s).
func BenchmarkDemoFill(b *testing.B) {
	for _, engine := range sqlstoretest.Engines() {
		b.Run(engine, func(b *testing.B) {
			for i := 0; b.Loop(); i++ {
				b.StopTimer()
				dsn := filepath.Join(b.TempDir(), "demo-"+strconv.Itoa(i)+".db")
				if engine == "postgres" {
					dsn = sqlstoretest.DSN(b, engine)
				}
				b.StartTimer()
				var out bytes.Buffer
				if err := run(context.Background(), []string{"demo", "--db", dsn}, env(nil), nil, &out, &out); err != nil {
					b.Fatalf("%v: %s", err, out.String())
				}
			}
		})
	}
}

// TestDemoCommand checks that `bina demo` fills an empty database once and
// leaves a filled one alone.
func TestDemoCommand(t *testing.T) {
	db := filepath.Join(t.TempDir(), "bina.db")
	var out bytes.Buffer
	ctx := context.Background()
	if err := run(ctx, []string{"demo", "--db", db}, env(nil), nil, &out, &out); err != nil {
		t.Fatalf("demo: %v %s", err, out.String())
	}
	out.Reset()
	if err := run(ctx, []string{"demo", "--db", db}, env(nil), nil, &out, &out); err != nil {
		t.Fatalf("second demo: %v", err)
	}
	if !bytes.Contains(out.Bytes(), []byte("sudah berisi data")) {
		t.Errorf("second demo said %q", out.String())
	}
	out.Reset()
	if err := run(ctx, []string{"demo", "--db", db, "--scale", "1000"}, env(nil), nil, &out, &out); err != nil {
		t.Fatalf("demo --scale: %v %s", err, out.String())
	}
	c, _, err := (&common{db: db, region: "61.12"}).open(ctx, nil, false)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	p, err := c.ListEnterprises(ctx, bina.EnterpriseFilter{Limit: 1})
	if err != nil {
		t.Fatal(err)
	}
	if p.Total != 7926+1000 {
		t.Errorf("total after --scale 1000 = %d, want %d", p.Total, 7926+1000)
	}
}
