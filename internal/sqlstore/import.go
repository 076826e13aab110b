package sqlstore

import (
	"bina/imports"
	"bytes"
	"context"
	"database/sql"
	"database/sql/driver"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"bina"
)

// Imports of spreadsheets: the uploaded file and its job (imports.Service),
// and the storage side of the importer (imports.Store), which writes the
// converted rows chunk by chunk, each chunk in one transaction with the
// job's checkpoint.
//
// Writing is the import's hot path, a million rows at a time, so created
// records go in by the batch: multi-row INSERTs on SQLite, COPY on
// PostgreSQL, with the ids given out by the store first so that owners,
// records, search documents, history and keys can be written table by
// table. The values come from the same functions as every other write of
// the register (personValues, enterpriseValues, enterpriseSearch,
// tsVector, addCounts), so that search, facets and kept counts stay right
// whatever those functions become. Updates go through updateEnterpriseTx,
// the code of UpdateEnterprise, with its history.
//
// Which record a row of a source became is kept in import_keys: importing
// the same file again finds every row's key and compares the content hash,
// so nothing changes; a row whose source data changed updates its record.

var (
	_ imports.Service = (*Store)(nil)
	_ imports.Store   = (*Store)(nil)
)

// defaultMaxImportBytes bounds an uploaded file unless SetMaxImportSize
// says otherwise.
const defaultMaxImportBytes = 100 << 20

// importPart is the size of the parts a file is stored in.
const importPart = 1 << 20

// importSettings are the import settings of a Store.
type importSettings struct {
	maxBytes int64
	// bulkRows: see SetBulkImportRows.
	bulkRows int

	mu   sync.Mutex
	runs map[string]*importRun // by runner

	prepared preparedChunks

	// namesFilled is set once the name keys of records older than
	// migration 0002 are filled (fillNameKeys).
	namesFilled atomic.Bool
}

// importRun is what the store keeps about one run of an import between
// its calls. Calls of one run come one after another.
type importRun struct {
	tx      *importTx // the open transaction, if any
	created int       // records the run has created and committed
	// baseline is the largest enterprise id before the run wrote (0 for
	// an empty register), known once the run's first chunk is written.
	baseline      int64
	knowsBaseline bool
	// job is the import the run's baseline and settings are of.
	job int64
	// othersKeys: see chunkWriter.othersKeys.
	othersKeys bool
	// bulk is set when the run is a first load (import_bulk.go): the
	// kept counts are left to its end, and counts sums those of the
	// records the run has created and committed.
	bulk       bool
	counts     countTally
	countsLost bool // a commit failed: counts may miss what it wrote
	// lines are the records of the run's rows in a first load (nil
	// otherwise).
	lines *lineRecords
	// attendance is what an attendance import's run has read of the
	// register (nil until its first chunk).
	attendance *attendanceRun
}

// SetMaxImportSize sets the largest file CreateImport accepts (default
// 100 MiB, what the web pages take). The command line raises it for the
// files an operator imports from the server's own disk.
func (s *Store) SetMaxImportSize(n int64) { s.imports.maxBytes = n }

func (s *Store) maxImportBytes() int64 {
	if s.imports.maxBytes > 0 {
		return s.imports.maxBytes
	}
	return defaultMaxImportBytes
}

// requireImporter returns the actor when it may import (viewers may not).
func (s *Store) requireImporter(ctx context.Context) (actor, error) {
	a, err := s.actorOf(ctx)
	if err != nil {
		return a, err
	}
	if !a.canEdit() {
		return a, bina.Errorf(bina.Forbidden, "Anda tidak berhak mengimpor data", "You may not import data")
	}
	return a, nil
}

func errImportNotFound() error {
	return notFoundf("Impor tidak ditemukan", "Import not found")
}

// ---- jobs ----

const importSelect = `SELECT id, entity, file_name, format, size, template, header_row, header, mapping, source, dry_run, scope,
	state, total, done, created, updated, unchanged, rejected, review, error_id, error_en, created_by, created_at, started_at, finished_at, heartbeat_at, bulk, file_deleted_at,
	COALESCE(programme_id, 0), COALESCE(activity_id, 0)
FROM imports`

func scanImport(sc scanner) (*imports.Job, error) {
	var (
		j                 imports.Job
		header, mapping   string
		scope             string
		started, finished sql.NullTime
		heartbeat         sql.NullTime
		fileDeleted       sql.NullTime
		bulk              int
	)
	err := sc.Scan(&j.ID, &j.Entity, &j.FileName, &j.Format, &j.Size, &j.Template, &j.HeaderRow, &header, &mapping, &j.Source, &j.DryRun, &scope,
		&j.State, &j.Total, &j.Done, &j.Counts.Created, &j.Counts.Updated, &j.Counts.Unchanged, &j.Counts.Rejected, &j.Counts.Review,
		&j.Error.ID, &j.Error.EN, &j.CreatedBy, &j.CreatedAt, &started, &finished, &heartbeat, &bulk, &fileDeleted,
		&j.ProgrammeID, &j.ActivityID)
	if err != nil {
		return nil, err
	}
	j.Scope = bina.RegionCode(scope)
	j.FirstLoad = bulk != 0
	if err := json.Unmarshal([]byte(header), &j.Header); err != nil {
		return nil, fmt.Errorf("import %d header: %w", j.ID, err)
	}
	if err := json.Unmarshal([]byte(mapping), &j.Mapping); err != nil {
		return nil, fmt.Errorf("import %d mapping: %w", j.ID, err)
	}
	j.CreatedAt = j.CreatedAt.UTC()
	j.StartedAt, j.FinishedAt, j.HeartbeatAt, j.FileDeletedAt = timePtr(started), timePtr(finished), timePtr(heartbeat), timePtr(fileDeleted)
	return &j, nil
}

func jsonText(v any) string {
	b, err := json.Marshal(v)
	if err != nil {
		panic(err) // only plain data is marshalled here
	}
	return string(b)
}

// loadImport reads one job, locking it on PostgreSQL when lock is set.
func (s *Store) loadImport(ctx context.Context, q querier, id int64, lock bool) (*imports.Job, error) {
	query := importSelect + ` WHERE id = $1`
	if lock {
		query += s.d.forUpdate
	}
	j, err := scanImport(q.QueryRowContext(ctx, query, id))
	if err == sql.ErrNoRows {
		return nil, errImportNotFound()
	}
	if err != nil {
		return nil, bina.Wrap(err, "load import")
	}
	return j, nil
}

// CreateImport stores the uploaded file, in parts, with its job: state
// uploaded, or queued when the job comes with a valid mapping. The author
// and the region they may write in are taken from the actor.
func (s *Store) CreateImport(ctx context.Context, j *imports.Job, file io.Reader) error {
	a, err := s.requireImporter(ctx)
	if err != nil {
		return err
	}
	switch j.Entity {
	case bina.EntityEnterprise, bina.EntityCooperative, imports.EntityAnnualReport:
		j.ProgrammeID, j.ActivityID = 0, 0
	case imports.EntityAttendance:
		j.Source = bina.SourceProgramme
	default:
		return invalidField("entity", "Pilih jenis data: UMKM atau koperasi", "Choose the kind of records: enterprises or cooperatives")
	}
	if j.Source == "" {
		j.Source = "import"
	}
	if !bina.Sources.Has(j.Source) {
		return invalidField("source", "Sumber data tidak dikenal", "Unknown source")
	}
	state := imports.ImportUploaded
	if len(j.Mapping) > 0 {
		if err := j.Mapping.Validate(j.Entity); err != nil {
			return err
		}
		state = imports.ImportQueued
	}
	if j.Header == nil {
		j.Header = []string{}
	}
	if j.Mapping == nil {
		j.Mapping = imports.Mapping{}
	}
	now := s.now()
	x := *j
	x.State, x.Scope, x.CreatedBy, x.CreatedAt = state, a.scope, a.name(), now
	x.Total, x.Done, x.Counts, x.Error, x.StartedAt, x.FinishedAt = 0, 0, imports.Counts{}, bina.Text{}, nil, nil
	max := s.maxImportBytes()
	tooLarge := bina.Errorf(bina.Invalid, "Berkas terlalu besar; paling besar %d MB.", "The file is too large; at most %d MB.", max>>20)
	err = s.write(ctx, func(tx *sql.Tx) error {
		if x.Entity == imports.EntityAttendance {
			if err := s.checkAttendanceTarget(ctx, tx, x.ProgrammeID, x.ActivityID); err != nil {
				return err
			}
		}
		err := tx.QueryRowContext(ctx, `INSERT INTO imports (entity, file_name, format, size, template, header_row, header, mapping, source, dry_run, scope, state, created_by, created_at, programme_id, activity_id)
VALUES ($1, $2, $3, 0, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15) RETURNING id`,
			string(x.Entity), x.FileName, x.Format, x.Template, x.HeaderRow, jsonText(x.Header), jsonText(x.Mapping), x.Source, x.DryRun, string(x.Scope), x.State, x.CreatedBy, now,
			nullID(x.ProgrammeID), nullID(x.ActivityID)).Scan(&x.ID)
		if err != nil {
			return bina.Wrap(err, "create import")
		}
		buf := make([]byte, importPart)
		var size int64
		for part := 0; ; part++ {
			n, err := io.ReadFull(file, buf)
			if n > 0 {
				if size+int64(n) > max {
					return tooLarge
				}
				if part == 0 && x.Format == "" {
					x.Format = "csv"
					if bytes.HasPrefix(buf[:n], []byte("PK\x03\x04")) {
						x.Format = "xlsx"
						// An OpenDocument file starts with its mimetype,
						// stored, at the first part's data offset.
						if bytes.Contains(buf[:min(n, 128)], []byte("opendocument.spreadsheet")) {
							x.Format = "ods"
						}
					}
				}
				size += int64(n)
				if _, err := tx.ExecContext(ctx, `INSERT INTO import_files (import_id, part, data) VALUES ($1, $2, $3)`, x.ID, part, buf[:n]); err != nil {
					return bina.Wrap(err, "store upload")
				}
			}
			if err == io.EOF || err == io.ErrUnexpectedEOF {
				break
			}
			if err != nil {
				return bina.Wrap(err, "read upload")
			}
		}
		if size == 0 {
			return bina.Errorf(bina.Invalid, "Berkas kosong.", "The file is empty.")
		}
		x.Size = size
		_, err = tx.ExecContext(ctx, `UPDATE imports SET size = $1, format = $2 WHERE id = $3`, size, x.Format, x.ID)
		return bina.Wrap(err, "create import")
	})
	if err != nil {
		return err
	}
	*j = x
	return nil
}

// FindImport returns one job. Officers see the jobs of their own area.
func (s *Store) FindImport(ctx context.Context, id int64) (*imports.Job, error) {
	a, err := s.requireImporter(ctx)
	if err != nil {
		return nil, err
	}
	j, err := s.loadImport(ctx, s.rdb, id, false)
	if err != nil {
		return nil, err
	}
	if !a.scope.Contains(j.Scope) {
		return nil, errImportNotFound()
	}
	return j, nil
}

// RunningFirstLoad returns the job whose first load has not ended, or nil.
func (s *Store) RunningFirstLoad(ctx context.Context) (*imports.Job, error) {
	if _, err := s.actorOf(ctx); err != nil {
		return nil, err
	}
	var j *imports.Job
	err := s.read(ctx, func(tx *sql.Tx) error {
		var err error
		j, err = scanImport(tx.QueryRowContext(ctx, importSelect+` WHERE bulk = 1 ORDER BY id LIMIT 1`))
		if err == sql.ErrNoRows {
			j, err = nil, nil
		}
		return err
	})
	return j, bina.Wrap(err, "first load")
}

// ListImports returns the newest jobs first.
func (s *Store) ListImports(ctx context.Context, limit, offset int) ([]imports.Job, error) {
	a, err := s.requireImporter(ctx)
	if err != nil {
		return nil, err
	}
	limit = min(max(limit, 1), 500)
	offset = max(offset, 0)
	var p params
	var conds []string
	if a.scope != s.root {
		lo, hi := a.scope.Range()
		conds = append(conds, "(scope = "+p.add(string(a.scope))+" OR (scope >= "+p.add(lo)+" AND scope < "+p.add(hi)+"))")
	}
	rows, err := s.rdb.QueryContext(ctx, importSelect+where(conds)+` ORDER BY id DESC LIMIT `+p.add(limit)+` OFFSET `+p.add(offset), p.args...)
	if err != nil {
		return nil, bina.Wrap(err, "list imports")
	}
	defer rows.Close()
	var out []imports.Job
	for rows.Next() {
		j, err := scanImport(rows)
		if err != nil {
			return nil, bina.Wrap(err, "list imports")
		}
		out = append(out, *j)
	}
	return out, bina.Wrap(rows.Err(), "list imports")
}

// OpenImportFile returns the stored file, read part by part. Errors:
// NotFound, and Invalid when the file was deleted after its retention
// period.
func (s *Store) OpenImportFile(ctx context.Context, id int64) (io.ReadCloser, error) {
	j, err := s.FindImport(ctx, id)
	if err != nil {
		return nil, err
	}
	if j.FileDeletedAt != nil {
		return nil, bina.Errorf(bina.Invalid, "Berkas impor ini sudah dihapus pada %s (berkas unggahan disimpan hanya untuk masa tertentu setelah impor selesai).", "This import's file was deleted on %s (uploads are kept only for a period after their import ends).", j.FileDeletedAt.In(bina.ZoneOf(s.root).Location()).Format("2006-01-02"))
	}
	q, done, err := s.unmappedReader(ctx)
	if err != nil {
		return nil, bina.Wrap(err, "read upload")
	}
	return &importFile{ctx: ctx, q: q, done: done, id: id}, nil
}

// DeleteImportFiles deletes the uploaded files of imports that ended
// (done or failed) longer than keep ago, at most 100 imports a call, and
// records when. It returns how many files it deleted. The import, its
// counts, review items and report stay. It acts as the system: the
// retention job calls it, not a person.
func (s *Store) DeleteImportFiles(ctx context.Context, keep time.Duration) (int, error) {
	now := s.now()
	endedBefore := now.Add(-keep)
	var n int
	err := s.write(ctx, func(tx *sql.Tx) error {
		rows, err := tx.QueryContext(ctx, `SELECT id FROM imports WHERE file_deleted_at IS NULL AND finished_at < $1 AND state IN ($2, $3) ORDER BY finished_at LIMIT 100`,
			endedBefore, imports.ImportDone, imports.ImportFailed)
		if err != nil {
			return bina.Wrap(err, "find kept files")
		}
		var ids []int64
		for rows.Next() {
			var id int64
			if err := rows.Scan(&id); err != nil {
				rows.Close()
				return bina.Wrap(err, "find kept files")
			}
			ids = append(ids, id)
		}
		if err := errors.Join(rows.Err(), rows.Close()); err != nil {
			return bina.Wrap(err, "find kept files")
		}
		for _, id := range ids {
			if _, err := tx.ExecContext(ctx, `DELETE FROM import_files WHERE import_id = $1`, id); err != nil {
				return bina.Wrap(err, "delete file")
			}
			if _, err := tx.ExecContext(ctx, `UPDATE imports SET file_deleted_at = $1 WHERE id = $2`, now, id); err != nil {
				return bina.Wrap(err, "delete file")
			}
		}
		n = len(ids)
		return nil
	})
	return n, err
}

// importFile reads a stored file one part at a time.
type importFile struct {
	ctx  context.Context
	q    querier
	done func() error // gives the reader back
	id   int64
	part int
	buf  []byte
	eof  bool
}

func (f *importFile) Read(p []byte) (int, error) {
	for len(f.buf) == 0 {
		if f.eof {
			return 0, io.EOF
		}
		var data []byte
		err := f.q.QueryRowContext(f.ctx, `SELECT data FROM import_files WHERE import_id = $1 AND part = $2`, f.id, f.part).Scan(&data)
		if err == sql.ErrNoRows {
			f.eof = true
			continue
		}
		if err != nil {
			return 0, bina.Wrap(err, "read upload")
		}
		f.part++
		f.buf = data
	}
	n := copy(p, f.buf)
	f.buf = f.buf[n:]
	return n, nil
}

func (f *importFile) Close() error {
	if f.done == nil {
		return nil
	}
	err := f.done()
	f.done = nil
	return bina.Wrap(err, "read upload")
}

// ConfigureImport sets the header row, mapping and template of an
// uploaded job and queues it.
func (s *Store) ConfigureImport(ctx context.Context, j *imports.Job) error {
	a, err := s.requireImporter(ctx)
	if err != nil {
		return err
	}
	if err := j.Mapping.Validate(j.Entity); err != nil {
		return err
	}
	var out *imports.Job
	err = s.write(ctx, func(tx *sql.Tx) error {
		cur, err := s.loadImport(ctx, tx, j.ID, true)
		if err != nil {
			return err
		}
		if !a.scope.Contains(cur.Scope) {
			return errImportNotFound()
		}
		if cur.State != imports.ImportUploaded {
			return bina.Errorf(bina.Conflict, "Impor ini sudah dimulai", "This import has already started")
		}
		if cur.Entity != j.Entity {
			return invalidField("entity", "Jenis data tidak dapat diubah setelah unggah", "The kind of records cannot change after the upload")
		}
		header := j.Header
		if header == nil {
			header = []string{}
		}
		source := cur.Source
		if j.Source != "" && bina.Sources.Has(j.Source) {
			source = j.Source
		}
		if _, err := tx.ExecContext(ctx, `UPDATE imports SET header_row = $1, header = $2, mapping = $3, template = $4, source = $5, dry_run = $6, state = $7 WHERE id = $8`,
			j.HeaderRow, jsonText(header), jsonText(j.Mapping), j.Template, source, j.DryRun, imports.ImportQueued, j.ID); err != nil {
			return bina.Wrap(err, "configure import")
		}
		out, err = s.loadImport(ctx, tx, j.ID, false)
		return err
	})
	if err != nil {
		return err
	}
	*j = *out
	return nil
}

// SaveMapping saves a mapping by name, replacing one of the same name.
func (s *Store) SaveMapping(ctx context.Context, m imports.NamedMapping) error {
	a, err := s.requireImporter(ctx)
	if err != nil {
		return err
	}
	m.Name = strings.TrimSpace(m.Name)
	var p bina.Problems
	switch {
	case m.Name == "":
		p.Add("name", "Nama pemetaan wajib diisi", "The mapping needs a name")
	case len([]rune(m.Name)) > 80:
		p.Add("name", "Nama pemetaan paling panjang 80 huruf", "A mapping name is at most 80 characters")
	}
	if slices.Contains(imports.BuiltinTemplates, m.Name) {
		p.Add("name", "Nama %q dipakai format bawaan; pilih nama lain", "%q names a built-in template; choose another name", m.Name)
	}
	if err := p.Err(); err != nil {
		return err
	}
	if err := m.Mapping.Validate(m.Entity); err != nil {
		return err
	}
	if m.Header == nil {
		m.Header = []string{}
	}
	now := s.now()
	return s.write(ctx, func(tx *sql.Tx) error {
		// A mapping belongs to its author; staff and admins keep the
		// shared ones. An officer replacing another's mapping could swap
		// the NIK and phone columns of every later import.
		var owner string
		err := tx.QueryRowContext(ctx, `SELECT saved_by FROM import_mappings WHERE entity = $1 AND name = $2`, string(m.Entity), m.Name).Scan(&owner)
		switch {
		case err == sql.ErrNoRows:
		case err != nil:
			return bina.Wrap(err, "find mapping")
		case owner != a.name() && a.user != nil && a.user.Role != bina.RoleAdmin && a.user.Role != bina.RoleStaff:
			return bina.Errorf(bina.Forbidden, "Pemetaan %q disimpan oleh %s; simpan dengan nama lain.", "The mapping %q was saved by %s; save it under another name.", m.Name, owner)
		}
		_, err = tx.ExecContext(ctx, `INSERT INTO import_mappings (entity, name, header, mapping, saved_by, saved_at) VALUES ($1, $2, $3, $4, $5, $6)
ON CONFLICT (entity, name) DO UPDATE SET header = excluded.header, mapping = excluded.mapping, saved_by = excluded.saved_by, saved_at = excluded.saved_at`,
			string(m.Entity), m.Name, jsonText(m.Header), jsonText(m.Mapping), a.name(), now)
		return bina.Wrap(err, "save mapping")
	})
}

// Mappings returns the saved mappings of an entity by name.
func (s *Store) Mappings(ctx context.Context, e bina.Entity) ([]imports.NamedMapping, error) {
	if _, err := s.requireImporter(ctx); err != nil {
		return nil, err
	}
	rows, err := s.rdb.QueryContext(ctx, `SELECT entity, name, header, mapping, saved_by, saved_at FROM import_mappings WHERE entity = $1 ORDER BY name`, string(e))
	if err != nil {
		return nil, bina.Wrap(err, "list mappings")
	}
	defer rows.Close()
	var out []imports.NamedMapping
	for rows.Next() {
		var m imports.NamedMapping
		var header, mapping string
		if err := rows.Scan(&m.Entity, &m.Name, &header, &mapping, &m.SavedBy, &m.SavedAt); err != nil {
			return nil, bina.Wrap(err, "list mappings")
		}
		if err := errors.Join(json.Unmarshal([]byte(header), &m.Header), json.Unmarshal([]byte(mapping), &m.Mapping)); err != nil {
			return nil, bina.Wrap(err, "list mappings")
		}
		m.SavedAt = m.SavedAt.UTC()
		out = append(out, m)
	}
	return out, bina.Wrap(rows.Err(), "list mappings")
}

// ImportIssues returns the rows of the report in file order: rejected
// rows, rows sent to review and rows imported with a note (a NIK left out,
// a desa name read with a spelling correction), with their cells and
// problems.
func (s *Store) ImportIssues(ctx context.Context, id int64) ([]imports.Row, error) {
	var out []imports.Row
	err := s.EachImportIssue(ctx, id, func(r imports.Row) bool {
		out = append(out, r)
		return true
	})
	return out, err
}

// EachImportIssue calls fn with each row of the job's report in file
// order until fn returns false. On SQLite it reads through a connection
// without the memory map, as OpenImportFile does.
func (s *Store) EachImportIssue(ctx context.Context, id int64, fn func(imports.Row) bool) error {
	if _, err := s.FindImport(ctx, id); err != nil {
		return err
	}
	q, done, err := s.unmappedReader(ctx)
	if err != nil {
		return bina.Wrap(err, "import issues")
	}
	defer done()
	rows, err := q.QueryContext(ctx, `SELECT line, outcome, cells, problems, record_id FROM import_issues WHERE import_id = $1 ORDER BY line`, id)
	if err != nil {
		return bina.Wrap(err, "import issues")
	}
	defer rows.Close()
	for rows.Next() {
		var r imports.Row
		var cells, problems string
		if err := rows.Scan(&r.Line, &r.Outcome, &cells, &problems, &r.RecordID); err != nil {
			return bina.Wrap(err, "import issues")
		}
		if err := errors.Join(json.Unmarshal([]byte(cells), &r.Cells), json.Unmarshal([]byte(problems), &r.Problems)); err != nil {
			return bina.Wrap(err, "import issues")
		}
		if !fn(r) {
			return nil
		}
	}
	return bina.Wrap(rows.Err(), "import issues")
}

// unmappedReader returns a reader for a large read-once result (a stored
// file, an import's report) and the function that gives it back. On
// SQLite it is a connection of the read pool with its memory map off: the
// pages of hundreds of megabytes read through the map would stay in the
// process's resident memory.
func (s *Store) unmappedReader(ctx context.Context) (querier, func() error, error) {
	if len(s.d.unmapped) == 0 {
		return s.rdb, func() error { return nil }, nil
	}
	conn, err := s.rdb.Conn(ctx)
	if err != nil {
		return nil, nil, err
	}
	if _, err := conn.ExecContext(ctx, s.d.unmapped[0][0]); err != nil {
		conn.Close()
		return nil, nil, err
	}
	return conn, func() error {
		_, err := conn.ExecContext(context.WithoutCancel(ctx), s.d.unmapped[0][1])
		if err != nil {
			// Not back to the pool without its map: the pool drops it.
			conn.Raw(func(any) error { return driver.ErrBadConn })
		}
		return errors.Join(err, conn.Close())
	}, nil
}
