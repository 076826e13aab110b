// Package imports is the domain of bringing records into the register: the
// import contract (the fields of an import of each kind, a mapping, a job,
// its rows and chunks, the service and store interfaces), the duplicate
// keys and the one decision function every path shares (DecideImport for
// a chunk, DecideUpdate for a record), the search keys, and the rows of
// attendance sheets and annual-report files. Reading files is not here:
// internal/importer and internal/fileformat do that and speak these types.
// It imports the standard library and the domain only.
package imports

import (
	"bina"
	"context"
	"io"
	"time"
)

// Import states. An import is uploaded, then mapped and previewed by a
// person (or given a template on the command line), then queued as a
// durable job that a worker runs in chunks; each chunk commits with its
// checkpoint, so a job whose server dies resumes after the last committed
// row and never writes a row twice.
const (
	ImportUploaded = "uploaded" // file stored, mapping not yet confirmed
	ImportQueued   = "queued"   // waiting for a worker
	ImportRunning  = "running"
	ImportDone     = "done"
	ImportFailed   = "failed" // stopped by an error; nothing after the last checkpoint was written
)

// Stale is how long a running import may go without a sign of life
// (Job.HeartbeatAt, the time of its last chunk) before the pages
// show it as stopped; only the job queue decides when a run is dead.
const Stale = 2 * time.Minute

// States lists the states with their labels.
var States = bina.Options{
	{Code: ImportUploaded, ID: "Menunggu pemetaan kolom", EN: "Awaiting column mapping"},
	{Code: ImportQueued, ID: "Dalam antrean", EN: "Queued"},
	{Code: ImportRunning, ID: "Sedang diproses", EN: "Running"},
	{Code: ImportDone, ID: "Selesai", EN: "Done"},
	{Code: ImportFailed, ID: "Gagal", EN: "Failed"},
}

// Row outcomes of an import.
const (
	OutcomeCreated   = "created"
	OutcomeUpdated   = "updated"
	OutcomeUnchanged = "unchanged"
	OutcomeRejected  = "rejected" // not written: the row's problems say why
	OutcomeReview    = "review"   // not written yet: a person decides (duplicate, unsure region)
)

// Counts are the outcomes of the rows of an import.
type Counts struct {
	Created   int `json:"created"`
	Updated   int `json:"updated"`
	Unchanged int `json:"unchanged"`
	Rejected  int `json:"rejected"`
	Review    int `json:"review"`
}

// Rows returns the number of rows with an outcome.
func (c Counts) Rows() int {
	return c.Created + c.Updated + c.Unchanged + c.Rejected + c.Review
}

// Add adds d to c.
func (c *Counts) Add(d Counts) {
	c.Created += d.Created
	c.Updated += d.Updated
	c.Unchanged += d.Unchanged
	c.Rejected += d.Rejected
	c.Review += d.Review
}

// Job is one uploaded file and what became of it.
type Job struct {
	ID        int64       `json:"id"`
	Entity    bina.Entity `json:"entity"`
	FileName  string      `json:"file_name"`
	Format    string      `json:"format"` // "xlsx", "ods" or "csv"
	Size      int64       `json:"size"`
	Template  string      `json:"template"`   // "bina", "sidt", "koperasi", a saved mapping's name, or "" (own mapping)
	HeaderRow int         `json:"header_row"` // 0-based index of the header row in the file
	Header    []string    `json:"header"`
	Mapping   Mapping     `json:"mapping"` // column index → field
	// Source is the provenance written on every record the import creates
	// (Sources: "import", "sidt", "odskop").
	Source string `json:"source"`
	DryRun bool   `json:"dry_run"` // check everything, write nothing
	// Scope is the region the job's author may write in, set by
	// CreateImport from the actor: rows placed outside it are rejected.
	Scope bina.RegionCode `json:"scope"`
	// ProgrammeID ties an attendance import (EntityAttendance) to the
	// programme its rows are enrolled in; ActivityID, optional, to one of
	// its activities, whose date is the day attended when a row has none.
	ProgrammeID int64 `json:"programme_id"` // 0 for other imports
	ActivityID  int64 `json:"activity_id"`

	State      string     `json:"state"`
	Total      int        `json:"total"` // data rows, once counted (0 while unknown)
	Done       int        `json:"done"`  // data rows processed and committed (the checkpoint)
	Counts     Counts     `json:"counts"`
	Error      bina.Text  `json:"error"`
	CreatedBy  string     `json:"created_by"`
	CreatedAt  time.Time  `json:"created_at"`
	StartedAt  *time.Time `json:"started_at"`
	FinishedAt *time.Time `json:"finished_at"`
	// HeartbeatAt is the last sign of life of the run, if one ran.
	HeartbeatAt *time.Time `json:"heartbeat_at"`
	// FileDeletedAt is when the uploaded file was deleted, a retention
	// period after the import ended; nil while it is kept.
	FileDeletedAt *time.Time `json:"file_deleted_at"`
	// FirstLoad marks a first load that has not ended: a large import
	// into an empty register, which builds the list indexes, the search
	// and the counts again when it ends. Until then lists are slower, the
	// counts (and search on PostgreSQL) leave its records out.
	FirstLoad bool `json:"first_load"`
}

// Alive reports whether j is running and its run has shown a sign of life
// within Stale before now.
func (j *Job) Alive(now time.Time) bool {
	return j.State == ImportRunning && j.HeartbeatAt != nil && now.Sub(*j.HeartbeatAt) <= Stale
}

// Progress returns the share of rows done, 0-100.
func (j *Job) Progress() int {
	if j.State == ImportDone {
		return 100
	}
	if j.Total <= 0 {
		return 0
	}
	return min(100, j.Done*100/j.Total)
}

// Row is one data row of a file after conversion: the record it
// describes (Enterprise or Cooperative), or the problems that stop it.
type Row struct {
	// Line is the row's number as a spreadsheet program shows it (1-based,
	// counting the title block and header), for the report.
	Line     int               `json:"line"`
	Cells    []string          `json:"cells"`
	Outcome  string            `json:"outcome"`
	Problems []bina.FieldError `json:"problems"` // errors for rejected rows; notes for the others
	// Key identifies the row's record across imports of the same source:
	// the source id when the file has one, else a hash of the identifying
	// fields, so that importing the same file again changes nothing.
	Key         string            `json:"key"`
	Enterprise  *bina.Enterprise  `json:"enterprise,omitempty"`
	Cooperative *bina.Cooperative `json:"cooperative,omitempty"`
	// Attendance is the rest of an attendance sheet's row (EntityAttendance).
	Attendance *Attendance `json:"attendance,omitempty"`
	// Report is the cooperative and the report of a yearly-figures row
	// (EntityAnnualReport).
	Report *ReportImport `json:"report,omitempty"`
	// Region is the result of matching the row's region names or codes.
	Region bina.RegionMatch `json:"region"`
	// RecordID is the register record the row created, updated or matched.
	RecordID int64 `json:"record_id"`
	// Duplicate says which earlier row of the file or which register
	// record the row resembles (then it waits in the review queue).
	Duplicate *DuplicateMatch `json:"duplicate,omitempty"`
	// Hash is the importer's ContentHash of the converted record: a row whose key and
	// hash were imported before changes nothing.
	Hash int64 `json:"-"`
	// Keys are the record's duplicate keys (EnterpriseKeys or
	// CooperativeKeys), computed once.
	Keys DuplicateKeys `json:"-"`
	// Repeat is set when an earlier row of the file has the same Key: a
	// row without it can only have been imported before by another
	// import.
	Repeat bool `json:"-"`
	// Near is set when an earlier row of the file has the same owner NIK,
	// or the same desa and name key: only such a row can resemble, with a
	// typing error, a record an earlier row of the file became.
	Near bool `json:"-"`
}

// Review kinds: why a row waits for a person.
const (
	ReviewDuplicate = "duplicate" // likely the same as a record in the register or earlier in the file
	ReviewRegion    = "region"    // the desa could not be placed with confidence
)

// Review states.
const (
	ReviewOpen    = "open"
	ReviewMerged  = "merged"  // incoming fields merged into the candidate, field by field
	ReviewKept    = "kept"    // created as a separate record ("keep both")
	ReviewSkipped = "skipped" // dropped
)

// ReviewStates lists the states with their labels.
var ReviewStates = bina.Options{
	{Code: ReviewOpen, ID: "Belum ditinjau", EN: "Open"},
	{Code: ReviewMerged, ID: "Digabung", EN: "Merged"},
	{Code: ReviewKept, ID: "Disimpan terpisah", EN: "Kept both"},
	{Code: ReviewSkipped, ID: "Dilewati", EN: "Skipped"},
}

// ReviewItem is one row of an import that waits for a person: a likely
// duplicate of a register record, or a row whose desa was not found.
type ReviewItem struct {
	ID       int64     `json:"id"`
	ImportID int64     `json:"import_id"`
	Line     int       `json:"line"`
	Kind     string    `json:"kind"`
	State    string    `json:"state"`
	Reason   bina.Text `json:"reason"` // "NIB sama", "NIK pemilik sama dan nama mirip", "nama mirip di desa yang sama"
	// Entity is the kind of record (enterprise unless the import was of
	// cooperatives).
	Entity bina.Entity `json:"entity"`
	// Incoming is the row's record as converted (enterprises).
	Incoming bina.Enterprise `json:"incoming"`
	// IncomingCooperative is the row's record of a cooperative import.
	IncomingCooperative *bina.Cooperative `json:"incoming_cooperative,omitempty"`
	// CandidateID is the register record it resembles (duplicates), 0 if none.
	CandidateID int64 `json:"candidate_id"`
	// Regions are the desa to choose from (region reviews).
	Regions    []bina.Region `json:"regions,omitempty"`
	RecordID   int64         `json:"record_id"` // the record the resolution wrote
	ResolvedBy string        `json:"resolved_by"`
	ResolvedAt *time.Time    `json:"resolved_at"`
}

// Resolution is a person's decision on a review item.
type Resolution struct {
	Action string `json:"action"` // "merge", "keep", "skip"
	// Fields are the fields to take from the incoming row when merging
	// (field names as in history: "nib", "owner.phone", "address", ...);
	// the candidate keeps all others.
	Fields []string `json:"fields"`
	// Village places a region review's record (with action "keep").
	Village bina.RegionCode `json:"village"`
}

// BuiltinTemplates are the names of the file layouts Bina knows by itself
// (internal/fileformat defines them); a saved mapping may not take one.
var BuiltinTemplates = []string{"bina", "sidt", "koperasi", "hadir"}

// NamedMapping is a column mapping saved by name for the next file of the
// same shape.
type NamedMapping struct {
	Name    string      `json:"name"`
	Entity  bina.Entity `json:"entity"`
	Header  []string    `json:"header"`
	Mapping Mapping     `json:"mapping"`
	SavedBy string      `json:"saved_by"`
	SavedAt time.Time   `json:"saved_at"`
}

// Filter selects review items.
type Filter struct {
	ImportID int64
	State    string
	Kind     string
	Limit    int
	Offset   int
}

// Service keeps uploaded files, their jobs and the review queue.
// Writes of the register go through it with the same actor rules as
// EnterpriseService: records outside the actor's region are refused.
type Service interface {
	// CreateImport stores the uploaded file with the job (state uploaded,
	// or queued when the job's mapping is already set). The file is kept
	// in the database, so that any app server's worker can run the job.
	// Errors: Invalid (empty file, too large), Forbidden.
	CreateImport(ctx context.Context, j *Job, file io.Reader) error
	// FindImport returns one job. Errors: NotFound.
	FindImport(ctx context.Context, id int64) (*Job, error)
	// RunningFirstLoad returns the first load that has not ended (see
	// Job.FirstLoad), or nil. Any user may ask: it holds back what
	// every list shows.
	RunningFirstLoad(ctx context.Context) (*Job, error)
	// ListImports returns the newest jobs first.
	ListImports(ctx context.Context, limit, offset int) ([]Job, error)
	// OpenImportFile returns the stored file. Errors: NotFound.
	OpenImportFile(ctx context.Context, id int64) (io.ReadCloser, error)
	// ConfigureImport sets the header row, mapping and template of an
	// uploaded job and queues it. Errors: Invalid (mapping), Conflict (not
	// in state uploaded), NotFound.
	ConfigureImport(ctx context.Context, j *Job) error
	// SaveMapping saves a mapping by name (replacing one of the same name).
	SaveMapping(ctx context.Context, m NamedMapping) error
	// Mappings returns the saved mappings of an entity.
	Mappings(ctx context.Context, e bina.Entity) ([]NamedMapping, error)
	// ImportIssues returns the rows of a job that were rejected, sent to
	// review, or imported with a note (a lost NIK left out, a desa name
	// read with a spelling correction), with their cells and problems, in
	// file order (for the report).
	ImportIssues(ctx context.Context, id int64) ([]Row, error)
	// EachImportIssue calls fn with the rows ImportIssues returns, one
	// at a time in file order, until fn returns false: a report of a
	// million-row file is read without holding it.
	EachImportIssue(ctx context.Context, id int64, fn func(Row) bool) error

	// ReviewItems lists review items. ReviewItem finds one.
	ReviewItems(ctx context.Context, f Filter) (bina.Page[ReviewItem], error)
	ReviewItem(ctx context.Context, id int64) (*ReviewItem, error)
	// ResolveReview applies a decision: merge writes the chosen fields into
	// the candidate (with history), keep creates the incoming record, skip
	// drops it. Errors: Invalid, Conflict (already resolved), NotFound.
	ResolveReview(ctx context.Context, id int64, r Resolution) error
	// UndoReview reverses a resolution: a merge's fields get their old
	// values back (written as new history rows), a kept record is archived
	// with the reason "undo", and the item is open again. Errors: Conflict
	// (open, or the record changed since), NotFound.
	UndoReview(ctx context.Context, id int64) error
}

// Importer runs import jobs: it reads the stored file, converts each row,
// and writes chunks with their checkpoint. A job queue calls Run; tests and
// `bina import` call it directly.
type Importer interface {
	// Run processes job id from its checkpoint to the end. It is safe to
	// call again after a crash: committed chunks are not written twice.
	Run(ctx context.Context, id int64) error
	// Preview converts the first n data rows of an uploaded job with the
	// given header row and mapping, writing nothing.
	Preview(ctx context.Context, j *Job, n int) ([]Row, error)
}

// Chunk is a stretch of converted rows that a store writes in one
// transaction together with the job's checkpoint, so that a run stopped at
// any moment leaves the register as of its last committed chunk and the
// next run resumes right after it.
type Chunk struct {
	// Rows are the converted rows in file order, as Converter.Convert
	// returned them (created, review or rejected), with Duplicate set for
	// rows resembling an earlier row of the file. A dry run may also pass
	// rows already decided unchanged or updated (repeats within the file).
	// The store sets each row's final Outcome, RecordID and, for rows sent
	// to review, Duplicate.RecordID. Repeat must be set on every row whose
	// key an earlier row of the file had (the store looks up the keys of
	// the other rows only where another import wrote keys of the source),
	// and Near likewise (in a register empty when the run began, the store
	// looks up candidates only for rows Near or flagged by Duplicate).
	Rows []Row
	// Done is the checkpoint after the chunk: the data rows of the file
	// processed so far.
	Done int
	// Total is the number of data rows of the file when known, else 0.
	Total int
	// Fields are the record fields the mapping fills (Converter.Fields):
	// an update takes these from the file and keeps the others.
	Fields []string
	// Commit makes the chunk and every chunk written since the last commit
	// durable together with the checkpoint Done. A run commits every few
	// chunks (and with its last one): each commit has a fixed cost, on
	// SQLite the writing of every index page the rows touched.
	Commit bool
}

// Store is the storage side of an Importer.
type Store interface {
	// ClaimImport marks job id as running by runner (a token unique to one
	// run) and returns it; the job queue decides which run that is, so a
	// job that is queued, failed or running is taken (a running job's
	// earlier run is over: its first load is ended first). A job already
	// done is returned unchanged. Errors: NotFound; Conflict (not yet
	// configured).
	ClaimImport(ctx context.Context, id int64, runner string) (*Job, error)
	// OpenImportFile returns the stored file. Errors: NotFound.
	OpenImportFile(ctx context.Context, id int64) (io.ReadCloser, error)
	// WriteImportChunk writes c into the run's transaction: the register
	// (unless the job is a dry run), review items, the report's rows, the
	// checkpoint, the counts and the heartbeat; with c.Commit it commits
	// them and every chunk before since the last commit. It returns the
	// chunk's counts. An error gives up everything since the last commit.
	// Errors: Conflict (the claim was lost to another run).
	WriteImportChunk(ctx context.Context, id int64, runner string, c *Chunk) (Counts, error)
	// FinishImport ends a run: state ImportDone with the final total, or
	// ImportFailed with msg; state "" releases the claim of an
	// interrupted run (the job is queued again, its checkpoint kept).
	// Chunks written since the run's last commit are given up.
	FinishImport(ctx context.Context, id int64, runner, state string, msg bina.Text, total int) error
	// Kelompoks returns the office's cooperative groups.
	Kelompoks(ctx context.Context) (bina.Options, error)
}
