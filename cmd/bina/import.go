package main

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"runtime/debug"
	"strings"
	"sync"
	"time"

	"bina"
	"bina/imports"
	"bina/internal/importer"
	"bina/internal/refdata"
	"bina/internal/sheet"
	"bina/internal/sqlstore"
)

// cliMaxBytes bounds the files `bina import` reads. An operator at the
// server's shell is trusted with larger files than a web upload (100 MiB):
// a million-row SIDT export is several hundred megabytes.
const cliMaxBytes = 2 << 30

// importMemoryLimit is the soft limit of the Go heap while an import
// runs, in `bina import` and in a server's job worker (see
// runtime/debug.SetMemoryLimit). A million-row import holds about 120 MB
// of live heap (the file's index of keys, rows in flight). Measured on a
// million SIDT rows into SQLite (`bina import`, 2 cores): at 136 MiB the
// collector ran nearly without pause, 137 s and 247 MB peak resident; at
// 160 MiB 90 s and 264 MB; at 176 MiB 84 s and 277 MB. SQLite's page
// cache is not part of it.
const importMemoryLimit = 160 << 20

// reportRows is how many rows of the report are printed.
const reportRows = 20

// importReport is the --json output of `bina import`.
type importReport struct {
	ID         int64       `json:"id"`
	File       string      `json:"file"`
	Entity     bina.Entity `json:"entity"`
	Template   string      `json:"template"`
	DryRun     bool        `json:"dry_run"`
	State      string      `json:"state"`
	Rows       int         `json:"rows"`
	Created    int         `json:"created"`
	Updated    int         `json:"updated"`
	Unchanged  int         `json:"unchanged"`
	Rejected   int         `json:"rejected"`
	Review     int         `json:"review"`
	DurationMS int64       `json:"duration_ms"` // the whole command: reading, storing and importing the file
	RunMS      int64       `json:"run_ms"`      // the import job's run: converting and writing the rows
	Error      string      `json:"error,omitempty"`
	// IssuesTotal is the number of rows with a problem or a note, and
	// ProblemsTotal the number of their problems; Issues lists the first
	// reportRows of those rows, and IssuesCut says that it lists fewer
	// than all.
	IssuesTotal   int             `json:"issues_total"`
	ProblemsTotal int             `json:"problems_total"`
	IssuesCut     bool            `json:"issues_cut"`
	Issues        []importedIssue `json:"issues"`
}

// importedIssue is one row of the report.
type importedIssue struct {
	Line     int      `json:"line"`
	Outcome  string   `json:"outcome"`
	Problems []string `json:"problems"`
}

// cmdImport imports a spreadsheet: it finds the header, maps the columns
// (a template or a suggestion from the header names), stores the file as
// an import job of the system user, runs it here and prints the report.
func cmdImport(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("import", flag.ContinueOnError)
	var c common
	c.register(fs, getenv)
	template := fs.String("template", "", "bina, sidt, koperasi or the name of a saved mapping (default: suggested from the header)")
	dryRun := fs.Bool("dry-run", false, "check every row and print the report, write nothing")
	asJSON := fs.Bool("json", false, "print the report as JSON")
	kind := fs.String("kind", "", "enterprise, cooperative, attendance or laporan-tahunan (default: from the template or the header)")
	programme := fs.Int64("programme", 0, "the programme an attendance sheet is imported for (with --kind attendance)")
	activity := fs.Int64("activity", 0, "the programme's activity whose date is the day of rows without one (optional)")
	files, err := parseFiles(fs, args, stderr)
	if err != nil {
		return err
	}
	if len(files) != 1 {
		fmt.Fprintln(stderr, "Usage: bina import --db ... [--template bina|sidt|koperasi|NAME] [--kind enterprise|cooperative|laporan-tahunan|attendance --programme ID [--activity ID]] [--dry-run] [--json] FILE")
		return errUsage
	}
	if *kind == "laporan-tahunan" {
		*kind = string(imports.EntityAnnualReport)
	}
	switch bina.Entity(*kind) {
	case "", bina.EntityEnterprise, bina.EntityCooperative, imports.EntityAnnualReport:
	case imports.EntityAttendance:
		if *programme <= 0 {
			fmt.Fprintln(stderr, "bina import: --kind attendance needs --programme ID")
			return errUsage
		}
	default:
		fmt.Fprintf(stderr, "bina import: unknown --kind %q: enterprise, cooperative, laporan-tahunan or attendance\n", *kind)
		return errUsage
	}
	path := files[0]
	start := time.Now()
	// A million rows fit in a few hundred megabytes only if the garbage
	// of the rows read is collected before the heap doubles: a soft limit
	// for the command, unless GOMEMLIMIT says otherwise.
	if getenv("GOMEMLIMIT") == "" {
		defer debug.SetMemoryLimit(debug.SetMemoryLimit(importMemoryLimit))
	}

	if _, err := os.Stat(path); err != nil {
		return bina.Errorf(bina.Invalid, "Berkas %s tidak dapat dibuka.", "The file %s cannot be opened.", path)
	}
	log := slog.New(slog.NewTextHandler(stderr, &slog.HandlerOptions{Level: slog.LevelWarn}))
	limits := sheet.Limits{MaxBytes: cliMaxBytes}
	head, _, err := importer.ReadHead(path, limits, importer.HeadRows)
	if err != nil {
		return err
	}
	store, ref, err := c.open(ctx, log, true)
	if err != nil {
		return err
	}
	defer store.Close()
	store.SetMaxImportSize(cliMaxBytes)

	j, err := planImport(ctx, store, head, *template, bina.Entity(*kind))
	if err != nil {
		return err
	}
	j.FileName, j.DryRun = filepath.Base(path), *dryRun
	if j.Entity == imports.EntityAttendance {
		j.ProgrammeID, j.ActivityID = *programme, *activity
	}
	f, err := os.Open(path)
	if err != nil {
		return fmt.Errorf("open %s: %w", path, err)
	}
	err = store.CreateImport(ctx, j, f)
	f.Close()
	if err != nil {
		return err
	}

	bps, err := refdata.BPSBridge()
	if err != nil {
		return err
	}
	imp := importer.New(store, ref, importer.NewRegionMatcher(ref.Regions, bps), log).Configure(importer.Config{Limits: limits})
	stopBar := importBar(ctx, store, j.ID, stderr) // operations (ops.go)
	runErr := imp.Run(ctx, j.ID)
	stopBar()
	done, err := store.FindImport(context.WithoutCancel(ctx), j.ID)
	if err != nil {
		return errors.Join(runErr, err)
	}
	rep, err := report(context.WithoutCancel(ctx), store, done, time.Since(start))
	if err != nil {
		return errors.Join(runErr, err)
	}
	if *asJSON {
		enc := json.NewEncoder(stdout)
		enc.SetIndent("", "  ")
		if err := enc.Encode(rep); err != nil {
			return err
		}
	} else {
		printReport(stdout, rep)
	}
	runErr = explainInterrupt(runErr, done) // operations (ops.go)
	if runErr != nil {
		if *asJSON {
			// The report says why; the exit status says that it failed.
			return fmt.Errorf("import %d: %s", done.ID, bina.ErrorText(runErr).ID)
		}
		return runErr
	}
	return nil
}

// planImport decides the job's header row, entity, mapping and source
// with importer.Plan, as the pages do: from a built-in template, a saved
// mapping, or the suggestion of the header names for the kind of records
// asked for ("" decides from the header). An unusable mapping is an
// Invalid error naming what is missing.
func planImport(ctx context.Context, store *sqlstore.Store, head [][]string, template string, kind bina.Entity) (*imports.Job, error) {
	saved, err := importer.SavedMappings(ctx, store)
	if err != nil {
		return nil, err
	}
	p, err := importer.Plan(importer.PlanInput{Head: head, Template: template, Entity: kind, Saved: saved})
	if err != nil {
		return nil, err
	}
	if !p.HeaderFound {
		return nil, bina.Errorf(bina.Invalid, "Baris judul tidak ditemukan di %d baris pertama: tidak ada baris yang menamai kolom yang dikenal (Nama Usaha, Desa, NIB, ...).",
			"No header row in the first %d rows: no row names known columns (business name, village, NIB, ...).", importer.HeadRows)
	}
	j := p.Job()
	if err := j.Mapping.Validate(j.Entity); err != nil {
		return nil, err
	}
	return j, nil
}

// report is the command's report of job j, with the first reportRows
// rows of its report: rejected rows and rows waiting for review first,
// then rows imported with a note. Every row of the report is read once,
// to count them all; only the rows listed are kept.
func report(ctx context.Context, store imports.Service, j *imports.Job, took time.Duration) (importReport, error) {
	rep := importReport{
		ID: j.ID, File: j.FileName, Entity: j.Entity, Template: j.Template, DryRun: j.DryRun, State: j.State,
		Rows: j.Counts.Rows(), Created: j.Counts.Created, Updated: j.Counts.Updated, Unchanged: j.Counts.Unchanged,
		Rejected: j.Counts.Rejected, Review: j.Counts.Review, DurationMS: took.Milliseconds(), Error: j.Error.ID,
		Issues: []importedIssue{},
	}
	if j.StartedAt != nil && j.FinishedAt != nil {
		rep.RunMS = j.FinishedAt.Sub(*j.StartedAt).Milliseconds()
	}
	var notes []importedIssue
	err := store.EachImportIssue(ctx, j.ID, func(r imports.Row) bool {
		rep.IssuesTotal++
		rep.ProblemsTotal += len(r.Problems)
		stops := r.Outcome == imports.OutcomeRejected || r.Outcome == imports.OutcomeReview
		if stops && len(rep.Issues) >= reportRows || !stops && len(notes) >= reportRows {
			return true
		}
		is := importedIssue{Line: r.Line, Outcome: r.Outcome, Problems: []string{}}
		for _, p := range r.Problems {
			is.Problems = append(is.Problems, p.Message.ID)
		}
		if stops {
			rep.Issues = append(rep.Issues, is)
		} else {
			notes = append(notes, is)
		}
		return true
	})
	if err != nil {
		return rep, err
	}
	rep.Issues = append(rep.Issues, notes[:min(len(notes), reportRows-len(rep.Issues))]...)
	rep.IssuesCut = len(rep.Issues) < rep.IssuesTotal
	return rep, nil
}

func printReport(w io.Writer, r importReport) {
	mode := ""
	if r.DryRun {
		mode = " (uji coba, tidak ada yang ditulis / dry run, nothing written)"
	}
	fmt.Fprintf(w, "Impor #%d %s: %s%s\n", r.ID, r.File, r.State, mode)
	if r.Error != "" {
		fmt.Fprintf(w, "  %s\n", r.Error)
	}
	fmt.Fprintf(w, "  baris/rows %d: dibuat/created %d, diubah/updated %d, tetap/unchanged %d, ditolak/rejected %d, ditinjau/review %d (%.1f s)\n",
		r.Rows, r.Created, r.Updated, r.Unchanged, r.Rejected, r.Review, float64(r.DurationMS)/1000)
	for _, is := range r.Issues {
		fmt.Fprintf(w, "  baris %d [%s]: %s\n", is.Line, is.Outcome, strings.Join(is.Problems, "; "))
	}
	if r.IssuesCut {
		fmt.Fprintf(w, "  ... %d dari %d baris bermasalah ditampilkan (%d masalah); daftar lengkap di laporan impor #%d / %d of %d rows with problems shown (%d problems); the full list is in the report of import #%d\n",
			len(r.Issues), r.IssuesTotal, r.ProblemsTotal, r.ID, len(r.Issues), r.IssuesTotal, r.ProblemsTotal, r.ID)
	}
}

// roomyImporter raises the soft memory limit of a server (64 MiB, see
// cmdServe) to importMemoryLimit while its job worker runs imports, and
// puts it back when the last one ends: under the server's limit the
// collector would run without pause through a large import.
type roomyImporter struct {
	imports.Importer
	mu      sync.Mutex
	running int
	base    int64
}

func (r *roomyImporter) Run(ctx context.Context, id int64) error {
	r.mu.Lock()
	if r.running == 0 {
		r.base = debug.SetMemoryLimit(-1)
		debug.SetMemoryLimit(max(r.base, importMemoryLimit))
	}
	r.running++
	r.mu.Unlock()
	defer func() {
		r.mu.Lock()
		if r.running--; r.running == 0 {
			debug.SetMemoryLimit(r.base)
		}
		r.mu.Unlock()
	}()
	return r.Importer.Run(ctx, id)
}
