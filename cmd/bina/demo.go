package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"time"

	"bina"
	"bina/internal/demo"
	"bina/internal/progress"
	"bina/internal/sqlstore"
	"bina/supervision"
)

// demoPassword is the password of the demo accounts; it is printed at start
// and only ever used on databases filled by `bina demo` or `serve --demo`.
const demoPassword = "bina-demo-2026"

// demoUsers are the accounts a demo database gets, one per role.
var demoUsers = []bina.User{
	{Name: "admin", Role: bina.RoleAdmin},
	{Name: "staf", Role: bina.RoleStaff},
	{Name: "petugas", Role: bina.RoleOfficer, Region: "61.12.01"}, // Sungai Raya
	{Name: "tamu", Role: bina.RoleViewer},
}

func cmdDemo(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("demo", flag.ContinueOnError)
	var c common
	c.register(fs, getenv)
	scale := fs.Int("scale", 0, "add N synthetic UMKM over the region, for load and benchmark work")
	if err := parse(fs, args, stderr); err != nil {
		return err
	}
	log := slog.New(slog.NewTextHandler(stderr, &slog.HandlerOptions{Level: slog.LevelWarn}))
	store, ref, err := c.open(ctx, log, true)
	if err != nil {
		return err
	}
	defer store.Close()
	empty, err := store.IsEmpty(ctx)
	if err != nil {
		return err
	}
	if empty {
		if err := fillDemo(ctx, store, ref, stdout); err != nil {
			return err
		}
	} else if *scale == 0 {
		fmt.Fprintln(stdout, "Basis data sudah berisi data; data contoh tidak ditambahkan. (The database is not empty; demo data not added.)")
	}
	if *scale > 0 {
		return fillSynthetic(ctx, store, ref, *scale, stdout)
	}
	return nil
}

// fillDemo loads the Kubu Raya demo case and its accounts.
func fillDemo(ctx context.Context, store *sqlstore.Store, ref bina.Reference, stdout io.Writer) error {
	start := time.Now()
	opt := demo.Options{Seed: 1, Now: ref.Clock()}
	data := demo.Generate(ref, opt)
	demo.Supervise(&data, opt) // late RATs and KDMP stages for the supervision pages (issue 12)
	// The binaan flags of the generated case are what the coaching story
	// backs: the businesses are loaded with the reach of their records, so
	// binaan follows from them as it does for an office, and loading the
	// records after them changes no flag.
	st := demo.GenerateStory(ref, opt, data.Enterprises, ref.Config.BinaanYears)
	first, last := st.Reach(len(data.Enterprises))
	for i := range data.Enterprises {
		e := &data.Enterprises[i]
		e.ReachedFirst, e.ReachedLast = first[i], last[i]
		if e.Binaan {
			e.BinaanSince = first[i]
		}
	}
	registerDates(&data, ref.Clock()) // past years have a register too (the rakor report, issue 13)
	if err := store.BulkLoad(ctx, data.Enterprises, data.Cooperatives); err != nil {
		return err
	}
	// Annual reports from 2018 on, derived from the RAT records (issue 12).
	reports := demo.AnnualReports(data.Cooperatives, opt)
	if err := store.BulkLoadAnnualReports(ctx, reports); err != nil {
		return err
	}
	// Health assessments of the savings-and-loan cooperatives under both
	// regimes (issue 12).
	for _, req := range demo.HealthRequests(reports, supervision.BuiltinHealthRuleSets(), opt) {
		if _, err := store.AssessHealth(ctx, req); err != nil {
			return err
		}
	}
	for _, u := range demoUsers {
		u := u
		if u.Role == bina.RoleOfficer && !ref.Regions.Within(u.Region) {
			u.Region = firstDistrict(ref)
		}
		if _, err := store.FindUserByName(ctx, u.Name); err == nil {
			continue
		}
		if err := store.CreateUser(ctx, &u, demoPassword); err != nil {
			return err
		}
	}
	if err := demoBoard(ctx, store); err != nil { // a board account (issue 12)
		return err
	}
	officers, err := demoOfficers(ctx, store, ref)
	if err != nil {
		return err
	}
	records := storyRecords(data.Enterprises, st, officers)
	if err := store.BulkLoadCoaching(ctx, records); err != nil {
		return err
	}
	if err := store.SaveLetterSettings(ctx, demoLetterSettings()); err != nil {
		return err
	}
	if _, err := demoLetters(ctx, store, records, "http://127.0.0.1:8080", 12); err != nil {
		return err
	}
	fmt.Fprintf(stdout, "Data contoh dimuat: %d UMKM, %d koperasi, %d program pembinaan, %d sesi pendampingan dalam %.1f s.\n",
		len(data.Enterprises), len(data.Cooperatives), len(st.Programmes), len(st.Sessions), time.Since(start).Seconds())
	return nil
}

func firstDistrict(ref bina.Reference) bina.RegionCode {
	if d := ref.Regions.Districts(); len(d) > 0 {
		return d[0].Code
	}
	return ref.Regions.Root()
}

// fillSynthetic adds n synthetic enterprises in batches, so that memory
// stays flat even for a million.
func fillSynthetic(ctx context.Context, store *sqlstore.Store, ref bina.Reference, n int, stdout io.Writer) error {
	const batch = 50_000
	start := time.Now()
	opt := demo.Options{Seed: 2, Now: ref.Clock()}
	bar := progress.New(stdout, "UMKM sintetis", progress.Count)
	defer bar.Done()
	for off := 0; off < n; off += batch {
		if err := ctx.Err(); err != nil {
			return err
		}
		ents := demo.Synthetic(ref, opt, off, min(batch, n-off))
		if err := store.BulkLoad(ctx, ents, nil); err != nil {
			return err
		}
		bar.Set(int64(off+len(ents)), int64(n))
	}
	bar.Done()
	el := time.Since(start).Seconds()
	fmt.Fprintf(stdout, "%d UMKM sintetis ditambahkan dalam %.1f s (%.0f baris/detik).\n", n, el, float64(n)/el)
	return nil
}
