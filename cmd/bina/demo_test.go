package main

import (
	"bytes"
	"context"
	"path/filepath"
	"strconv"
	"testing"

	"bina"
	"bina/coaching"
	"bina/internal/demo"
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
	// The demo's board account (issue 12) signs in to one cooperative.
	if u, err := c.Authenticate(ctx, "pengurus", demoPassword, "127.0.0.1"); err != nil || u.CooperativeID() == 0 {
		t.Errorf("demo board account: %+v, %v", u, err)
	}
}

// TestDemoStory checks that the demo's binaan figure follows from its
// coaching records on both engines: 3,926 binaan and none by a decision,
// the reach figures equal to the story's, and the programmes, sessions,
// certificates and expiring certificates there to be seen.
func TestDemoStory(t *testing.T) {
	for _, engine := range sqlstoretest.Engines() {
		t.Run(engine, func(t *testing.T) {
			ctx := context.Background()
			dsn := filepath.Join(t.TempDir(), "bina.db")
			if engine == "postgres" {
				dsn = sqlstoretest.DSN(t, engine)
			}
			var out bytes.Buffer
			if err := run(ctx, []string{"demo", "--db", dsn}, env(nil), nil, &out, &out); err != nil {
				t.Fatalf("demo: %v %s", err, out.String())
			}
			store, ref, err := (&common{db: dsn, region: "61.12", binaanYears: bina.DefaultConfig().BinaanYears}).open(ctx, nil, false)
			if err != nil {
				t.Fatal(err)
			}
			defer store.Close()
			data := demo.Generate(ref, demo.Options{Seed: 1, Now: ref.Clock()})
			st := demo.GenerateStory(ref, demo.Options{Seed: 1, Now: ref.Clock()}, data.Enterprises, ref.Config.BinaanYears)
			_, last := st.Reach(len(data.Enterprises))
			reached := 0
			for _, d := range last {
				if !d.IsZero() {
					reached++
				}
			}

			counts, err := store.EnterpriseCounts(ctx)
			if err != nil {
				t.Fatal(err)
			}
			binaan := 0
			for _, c := range counts {
				binaan += c.Binaan
			}
			decided, err := store.ListEnterprises(ctx, bina.EnterpriseFilter{Binaan: "ya", Limit: 200})
			if err != nil {
				t.Fatal(err)
			}
			for _, e := range decided.Items {
				if e.BinaanDecided || e.ReachedLast.IsZero() {
					t.Fatalf("%s is binaan by decision %q, not by its records", e.Name, e.BinaanReason)
				}
			}
			r, err := store.Reach(ctx, ref.Regions.Root(), 0)
			if err != nil {
				t.Fatal(err)
			}
			if binaan != demo.Binaan || r.Total.Enterprises != len(data.Enterprises) || r.Total.Reached != reached || len(r.Items) != 9 {
				t.Errorf("binaan %d (want %d); reach %+v over %d kecamatan (want %d reached of %d)", binaan, demo.Binaan, r.Total, len(r.Items), reached, len(data.Enterprises))
			}
			progs, err := store.ListProgrammes(ctx, coaching.ProgrammeFilter{})
			if err != nil {
				t.Fatal(err)
			}
			sessions, err := store.ListCoachingSessions(ctx, coaching.CoachingFilter{})
			if err != nil {
				t.Fatal(err)
			}
			expiring, err := store.ExpiringCertificates(ctx, coaching.ExpiryFilter{Before: bina.DateFromTime(ref.Clock().AddDate(0, 0, coaching.DefaultExpiryDays))})
			if err != nil {
				t.Fatal(err)
			}
			settings, err := store.LetterSettings(ctx)
			if err != nil || settings.Signatory.Name == "" {
				t.Errorf("demo letter settings: %+v, %v", settings, err)
			}
			if progs.Total != len(st.Programmes) || sessions.Total != len(st.Sessions) || expiring.Total == 0 {
				t.Errorf("%d programmes (want %d), %d sessions (want %d), %d certificates expiring in 90 days", progs.Total, len(st.Programmes), sessions.Total, len(st.Sessions), expiring.Total)
			}
		})
	}
}
