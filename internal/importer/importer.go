// Package importer runs Bina's spreadsheet imports: it reads a job's stored
// file with the streaming reader of internal/sheet, converts each row with
// its Converter (values as people type them, regions by name, validation),
// looks for the same business earlier in the file, and hands the rows to
// the store chunk by chunk. The store writes each chunk in one transaction
// with the job's checkpoint, so a run stopped at any moment (a shutdown, a
// crash, the end of a job queue's lease) leaves the register as of its last
// chunk, and the next run resumes right after it without writing any row
// twice. It implements imports.Importer for the job queue, the pages and
// `bina import`.
package importer

import (
	"bytes"
	"cmp"
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"os"
	"runtime"
	"runtime/debug"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"bina"
	"bina/imports"
	"bina/internal/sheet"
)

// Config tunes an Importer. The zero value is the production setting.
type Config struct {
	// ChunkRows is how many rows are handed to the store at a time
	// (default 2,500): large enough that a statement's fixed costs vanish,
	// small enough that memory stays flat.
	ChunkRows int
	// CommitRows and CommitEvery say how often the chunks written are
	// committed with their checkpoint: after this many rows (default
	// 100,000) or this long (default 10 s), whichever comes first. A run
	// interrupted loses at most that much work, and resumes there.
	CommitRows  int
	CommitEvery time.Duration
	// Workers is how many goroutines convert rows (default GOMAXPROCS).
	// Reading the file and writing the chunks run beside them.
	Workers int
	// Limits bound the files read (sheet's defaults: 100 MiB, about a
	// million rows).
	Limits sheet.Limits
	// TempDir is where the stored file is copied for reading (default
	// os.TempDir()).
	TempDir string
}

func (c Config) withDefaults() Config {
	if c.ChunkRows <= 0 {
		c.ChunkRows = 2500
	}
	if c.Workers <= 0 {
		c.Workers = runtime.GOMAXPROCS(0)
	}
	if c.CommitRows <= 0 {
		c.CommitRows = 100_000
	}
	if c.CommitEvery <= 0 {
		c.CommitEvery = 10 * time.Second
	}
	return c
}

// Importer runs import jobs. It is safe for concurrent use; each Run works
// on its own job.
type Importer struct {
	store   imports.Store
	ref     bina.Reference
	matcher *RegionMatcher
	log     *slog.Logger
	cfg     Config
}

var _ imports.Importer = (*Importer)(nil)

// New returns an Importer writing through store, with the reference data
// and the region matcher of the deployment.
func New(store imports.Store, ref bina.Reference, matcher *RegionMatcher, log *slog.Logger) *Importer {
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	return &Importer{store: store, ref: ref, matcher: matcher, log: log, cfg: Config{}.withDefaults()}
}

// Configure sets the importer's configuration and returns it.
func (im *Importer) Configure(c Config) *Importer {
	im.cfg = c.withDefaults()
	return im
}

// Sample rules of a file that is all wrong: when more than nine in ten of
// the first rows are rejected, the mapping or the file is at fault, not
// the rows, and the job fails before anything is written.
const (
	sampleRows    = 1000
	sampleMinimum = 20
)

// Run processes job id from its checkpoint to the end.
func (im *Importer) Run(ctx context.Context, id int64) error {
	runner := newRunner()
	j, err := im.store.ClaimImport(ctx, id, runner)
	if err != nil {
		return err
	}
	if j.State == imports.ImportDone {
		return nil
	}
	start := time.Now()
	im.log.Info("import started", "import", id, "file", j.FileName, "resume_at", j.Done, "dry_run", j.DryRun)
	total, err := im.run(ctx, j, runner)
	// The run's memory (the file's index: some 80 MB for a million rows)
	// is garbage now. It goes back to the system before FinishImport, whose
	// rebuild after a first load needs memory of its own outside the Go
	// heap (SQLite's sorter, the merge of the search index).
	debug.FreeOSMemory()
	bg := context.WithoutCancel(ctx)
	switch {
	case err == nil:
		if err := im.store.FinishImport(bg, id, runner, imports.ImportDone, bina.Text{}, total); err != nil {
			return err
		}
		im.log.Info("import done", "import", id, "rows", total, "duration", time.Since(start).Round(time.Millisecond))
		return nil
	case ctx.Err() != nil:
		if ferr := im.store.FinishImport(bg, id, runner, "", bina.Text{}, 0); ferr != nil {
			im.log.Error("release interrupted import", "import", id, "err", ferr)
		}
		im.log.Info("import interrupted", "import", id, "cause", context.Cause(ctx))
		return err
	}
	if bina.ErrorCode(err) == bina.Conflict {
		// Another run took the job over: it is theirs to finish.
		return err
	}
	msg := bina.ErrorText(err)
	if bina.ErrorCode(err) == bina.Internal {
		im.log.Error("import failed", "import", id, "err", err)
	} else {
		im.log.Warn("import refused", "import", id, "err", err)
	}
	if ferr := im.store.FinishImport(bg, id, runner, imports.ImportFailed, msg, 0); ferr != nil {
		im.log.Error("mark import failed", "import", id, "err", ferr)
	}
	return err
}

// newRunner returns a token unique to one run.
func newRunner() string {
	b := make([]byte, 12)
	rand.Read(b)
	return hex.EncodeToString(b)
}

// converter builds the job's row converter.
func (im *Importer) converter(ctx context.Context, j *imports.Job) (*Converter, error) {
	cfg := ConvertConfig{Ref: im.ref, Matcher: im.matcher, Scope: j.Scope}
	if j.Entity == bina.EntityCooperative {
		ks, err := im.store.Kelompoks(ctx)
		if err != nil {
			return nil, err
		}
		cfg.Kelompoks = ks
	}
	return NewConverter(j, cfg)
}

// open copies the job's stored file to a temporary file (StoredFile) and
// opens it with the header rows read past. limit bytes are copied at most
// (0: all).
func (im *Importer) open(ctx context.Context, j *imports.Job, limit int64) (*sheet.Reader, string, func(), error) {
	path, cleanup, err := StoredFile(ctx, im.store, j, im.cfg.TempDir, limit)
	if err != nil {
		return nil, "", nil, err
	}
	rd, err := sheet.Open(path, im.cfg.Limits)
	if err != nil {
		cleanup()
		return nil, "", nil, err
	}
	for i := 0; i <= j.HeaderRow; i++ {
		if _, err := rd.Next(); err != nil {
			rd.Close()
			cleanup()
			if err == io.EOF {
				return nil, "", nil, bina.Errorf(bina.Invalid, "Baris judul (baris %d) tidak ada di berkas.", "The file has no header row (row %d).", j.HeaderRow+1)
			}
			return nil, "", nil, err
		}
	}
	return rd, path, func() { rd.Close(); cleanup() }, nil
}

// batch is a run of rows on its way through the converters.
type batch struct {
	seq   int
	lines []int
	cells [][]string
	rows  []imports.Row
}

const batchRows = 256

// run does the work of Run and returns the number of data rows.
func (im *Importer) run(ctx context.Context, j *imports.Job, runner string) (int, error) {
	conv, err := im.converter(ctx, j)
	if err != nil {
		return 0, err
	}
	rd, path, cleanup, err := im.open(ctx, j, 0)
	if err != nil {
		return 0, err
	}
	defer cleanup()

	parent := ctx
	ctx, cancel := context.WithCancelCause(ctx)
	var wg sync.WaitGroup
	defer wg.Wait()
	defer cancel(nil) // runs first: stops the goroutines, then they are waited for

	// The total of a CSV file is estimated from its lines (a pass over
	// the bytes takes a fraction of a second for a million rows), for the
	// progress bar and to size the file's index; the exact count is known
	// at the end. An .xlsx is counted as it is read.
	var estimate atomic.Int64
	if rd.Format() == "csv" {
		if n, err := countLines(ctx, path); err == nil {
			estimate.Store(int64(max(0, n-j.HeaderRow-1)))
		}
	}

	// Reader: data rows in batches.
	toConvert := make(chan *batch, 2*im.cfg.Workers)
	wg.Add(1)
	go func() {
		defer wg.Done()
		defer close(toConvert)
		line := j.HeaderRow + 1
		b := &batch{}
		send := func() bool {
			select {
			case toConvert <- b:
				b = &batch{seq: b.seq + 1}
				return true
			case <-ctx.Done():
				return false
			}
		}
		for {
			cells, err := rd.Next()
			if err == io.EOF {
				break
			}
			if err != nil {
				cancel(err)
				return
			}
			line++
			if !conv.IsDataRow(cells) {
				continue
			}
			b.lines = append(b.lines, line)
			b.cells = append(b.cells, cells)
			if len(b.lines) == batchRows && !send() {
				return
			}
		}
		if len(b.lines) > 0 {
			send()
		}
	}()

	// Converters.
	converted := make(chan *batch, 2*im.cfg.Workers)
	var cw sync.WaitGroup
	for range im.cfg.Workers {
		cw.Add(1)
		wg.Add(1)
		go func() {
			defer wg.Done()
			defer cw.Done()
			for b := range toConvert {
				b.rows = make([]imports.Row, len(b.lines))
				for i := range b.lines {
					b.rows[i] = conv.Convert(b.lines[i], b.cells[i])
				}
				b.cells = nil
				select {
				case converted <- b:
				case <-ctx.Done():
					return
				}
			}
		}()
	}
	go func() {
		cw.Wait()
		close(converted)
	}()

	// Writer: one chunk at a time, while the next one is assembled.
	chunks := make(chan *imports.Chunk, 1)
	writeDone := make(chan struct{})
	go func() {
		defer close(writeDone)
		for c := range chunks {
			if ctx.Err() != nil {
				continue
			}
			if _, err := im.store.WriteImportChunk(ctx, j.ID, runner, c); err != nil {
				cancel(err)
			}
		}
	}()

	// The line count sizes the file's index; blank lines and cells of
	// several lines make it larger than the rows, so it is capped at the
	// rows a file may have.
	hint := min(int(estimate.Load()), im.cfg.Limits.RowLimit())
	a := assembler{im: im, j: j, conv: conv, idx: NewFileIndex(hint), chunks: chunks, estimate: &estimate, fields: conv.Fields()}
	err = a.consume(ctx, converted)
	close(chunks)
	<-writeDone
	cause := context.Cause(ctx)
	cancel(nil)
	wg.Wait()
	if cause != nil && !errors.Is(cause, context.Canceled) && !errors.Is(cause, context.DeadlineExceeded) {
		// The reader or the writer failed: that is the error to report.
		return 0, cause
	}
	if err != nil {
		return 0, err
	}
	if err := parent.Err(); err != nil {
		// Stopped after the last chunk was handed over: the writer may
		// have dropped it, so the run is not done (the next run finds
		// what was committed and finishes).
		return 0, err
	}
	return a.data, nil
}

// countLines counts the line breaks of a file.
func countLines(ctx context.Context, path string) (int, error) {
	f, err := os.Open(path)
	if err != nil {
		return 0, err
	}
	defer f.Close()
	buf := make([]byte, 1<<20)
	n := 0
	last := byte('\n')
	for {
		if ctx.Err() != nil {
			return 0, ctx.Err()
		}
		k, err := f.Read(buf)
		n += bytes.Count(buf[:k], []byte{'\n'})
		if k > 0 {
			last = buf[k-1]
		}
		if err == io.EOF {
			break
		}
		if err != nil {
			return 0, err
		}
	}
	if last != '\n' {
		n++
	}
	return n, nil
}

// assembler takes the converted batches in file order, finds rows that
// resemble earlier rows of the file, and cuts the rows into chunks.
type assembler struct {
	im       *Importer
	j        *imports.Job
	conv     *Converter
	idx      *FileIndex
	chunks   chan<- *imports.Chunk
	estimate *atomic.Int64
	fields   []string

	data        int // data rows seen
	rows        []imports.Row
	uncommitted int       // rows handed over since the last commit
	committed   time.Time // when the last commit was asked for
	sampled     bool
	sample      int
	rejected    int
	problems    map[string]int // the sample's problems, for the message of a file that is all wrong
	firstText   map[string]bina.Text
}

func (a *assembler) consume(ctx context.Context, converted <-chan *batch) error {
	pending := map[int]*batch{}
	next := 0
	for {
		var b *batch
		var ok bool
		select {
		case b, ok = <-converted:
		case <-ctx.Done():
			return ctx.Err()
		}
		if !ok {
			break
		}
		pending[b.seq] = b
		for {
			b := pending[next]
			if b == nil {
				break
			}
			delete(pending, next)
			next++
			for i := range b.rows {
				if err := a.add(ctx, &b.rows[i]); err != nil {
					return err
				}
			}
		}
	}
	if ctx.Err() != nil {
		return ctx.Err()
	}
	if a.data == 0 {
		return bina.Errorf(bina.Invalid, "Berkas tidak berisi baris data di bawah baris judul.", "The file has no data rows below the header.")
	}
	return a.flush(ctx, true)
}

// add takes the next row of the file.
func (a *assembler) add(ctx context.Context, r *imports.Row) error {
	a.data++
	resumed := a.data <= a.j.Done
	if !a.sampled && a.j.Done == 0 {
		a.tally(r)
	}
	if r.Outcome != imports.OutcomeRejected {
		seen, same := a.idx.Repeat(r.Key, r.Hash)
		r.Repeat = seen
		switch {
		case seen && a.j.DryRun:
			// Nothing is written in a dry run, so the store cannot find
			// the first row's record: the repeat is decided here.
			r.Outcome = imports.OutcomeUpdated
			if same {
				r.Outcome = imports.OutcomeUnchanged
			}
		case seen:
			// A repeat of an earlier row: the store finds that row's
			// record, written before this one even in the same chunk.
		default:
			r.Duplicate = a.idx.Check(a.conv.Entity(), r.Keys, r.Line)
			r.Near = a.idx.Near(r.Keys)
		}
	}
	if resumed {
		// Committed by an earlier run: only remembered, for the
		// duplicates of the rows to come.
		return nil
	}
	a.rows = append(a.rows, *r)
	if len(a.rows) >= a.im.cfg.ChunkRows {
		return a.flush(ctx, false)
	}
	return nil
}

// tally counts the first rows of a file for the all-wrong rule.
func (a *assembler) tally(r *imports.Row) {
	if a.sample >= sampleRows {
		return
	}
	a.sample++
	if r.Outcome != imports.OutcomeRejected {
		return
	}
	a.rejected++
	if a.problems == nil {
		a.problems, a.firstText = map[string]int{}, map[string]bina.Text{}
	}
	for _, p := range r.Problems[:min(1, len(r.Problems))] {
		k := p.Field
		a.problems[k]++
		if _, ok := a.firstText[k]; !ok {
			a.firstText[k] = p.Message
		}
	}
}

// checkSample fails the job when the file is all wrong.
func (a *assembler) checkSample() error {
	a.sampled = true
	if a.j.Done > 0 || a.sample < sampleMinimum || a.rejected*10 <= a.sample*9 {
		return nil
	}
	type count struct {
		field string
		n     int
	}
	var cs []count
	for f, n := range a.problems {
		cs = append(cs, count{f, n})
	}
	slices.SortFunc(cs, func(x, y count) int { return cmp.Or(y.n-x.n, strings.Compare(x.field, y.field)) })
	var id, en []string
	for _, c := range cs[:min(3, len(cs))] {
		t := a.firstText[c.field]
		id = append(id, fmt.Sprintf("%s (%d baris)", t.ID, c.n))
		en = append(en, fmt.Sprintf("%s (%d rows)", t.EN, c.n))
	}
	return &bina.Error{Code: bina.Invalid, Message: bina.Text{
		ID: fmt.Sprintf("Berkas tampaknya salah: %d dari %d baris pertama ditolak, sehingga tidak ada yang diimpor. Periksa pemetaan kolom dan berkasnya. Masalah terbanyak: %s.", a.rejected, a.sample, strings.Join(id, "; ")),
		EN: fmt.Sprintf("The file looks wrong: %d of its first %d rows were rejected, so nothing was imported. Check the column mapping and the file. Most common problems: %s.", a.rejected, a.sample, strings.Join(en, "; ")),
	}}
}

// flush hands the rows assembled so far to the writer with the
// checkpoint after them.
func (a *assembler) flush(ctx context.Context, last bool) error {
	if !a.sampled {
		if err := a.checkSample(); err != nil {
			return err
		}
	}
	if len(a.rows) == 0 && !last {
		return nil
	}
	total := int(a.estimate.Load())
	if last {
		total = a.data
	} else if total < a.data {
		total = 0
	}
	if a.committed.IsZero() {
		a.committed = time.Now()
	}
	a.uncommitted += len(a.rows)
	commit := last || a.uncommitted >= a.im.cfg.CommitRows || time.Since(a.committed) >= a.im.cfg.CommitEvery
	if commit {
		a.uncommitted, a.committed = 0, time.Now()
	}
	c := &imports.Chunk{Rows: a.rows, Done: a.data, Total: total, Fields: a.fields, Commit: commit}
	a.rows = make([]imports.Row, 0, a.im.cfg.ChunkRows)
	if p, ok := a.im.store.(preparer); ok && !a.j.DryRun {
		// While the writer still writes the chunk before.
		p.PrepareImportChunk(c)
	}
	select {
	case a.chunks <- c:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

// preparer is a store that computes ahead, on the assembler's goroutine,
// what writing a chunk derives from its rows (the values of derived
// columns, search documents), so that the work runs while the writer
// writes the chunk before. It writes nothing; the rows must not change
// after it.
type preparer interface {
	PrepareImportChunk(c *imports.Chunk)
}

// previewBytes is how much of a stored CSV file a preview reads: the first
// rows are all it shows.
const previewBytes = 4 << 20

// Preview converts the first n data rows of job j with its header row and
// mapping, with region matching and hints of duplicates within those
// rows, and writes nothing.
func (im *Importer) Preview(ctx context.Context, j *imports.Job, n int) ([]imports.Row, error) {
	conv, err := im.converter(ctx, j)
	if err != nil {
		return nil, err
	}
	limit := int64(0)
	if j.Format == "csv" {
		limit = previewBytes
	}
	rd, _, cleanup, err := im.open(ctx, j, limit)
	if err != nil {
		return nil, err
	}
	defer cleanup()
	idx := NewFileIndex(n)
	var out []imports.Row
	line := j.HeaderRow + 1
	for len(out) < n {
		cells, err := rd.Next()
		if err == io.EOF {
			break
		}
		if err != nil {
			if len(out) > 0 && limit > 0 {
				break // the cut at previewBytes may end in the middle of a row
			}
			return nil, err
		}
		line++
		if !conv.IsDataRow(cells) {
			continue
		}
		r := conv.Convert(line, cells)
		if r.Outcome != imports.OutcomeRejected {
			// As the run's assembler does (add), a repeat decided as
			// in a dry run, the store having no record of the first row.
			switch seen, same := idx.Repeat(r.Key, r.Hash); {
			case seen && same:
				r.Outcome = imports.OutcomeUnchanged
			case seen:
				r.Outcome = imports.OutcomeUpdated
			default:
				r.Duplicate = idx.Check(j.Entity, r.Keys, r.Line)
				r.Near = idx.Near(r.Keys)
			}
		}
		out = append(out, r)
	}
	if d, ok := im.store.(previewDecider); ok {
		// The run's decision, with the run's lookups of the register.
		return out, d.PreviewImportRows(ctx, j, out)
	}
	for i := range out {
		if r := &out[i]; r.Duplicate != nil {
			r.Outcome = imports.OutcomeReview
			r.Problems = append(r.Problems, bina.FieldError{Field: "duplicate", Message: r.Duplicate.Reason})
		}
	}
	return out, nil
}

// previewDecider is a store that decides a preview's rows as a run of
// the job would, writing nothing.
type previewDecider interface {
	PreviewImportRows(ctx context.Context, j *imports.Job, rows []imports.Row) error
}
