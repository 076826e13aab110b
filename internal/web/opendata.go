package web

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"time"

	"bina"
	"bina/internal/export"
	"bina/internal/sheet"
)

// Open data for the regency's Satu Data portal (Perpres 39/2019): the page
// /data-terbuka lists the datasets of export.OpenDatasets, each counted
// per region and category or year and served as CSV and JSON in the
// portal's shape. These are public routes: the office (the Produsen Data)
// publishes them for the Walidata to take, they hold counts only, never
// a record, a name or an identity number, and counts of people's
// businesses below export.SmallCell are withheld so that no business can
// be recognised in them (DOMAIN.md section 10).
//
// Every request counts the whole deployment, whoever asks: a signed-in
// field officer gets the same table as the portal. The counting acts as a
// reader of the whole register who may not see personal data
// (openDataReader), and a table is kept for openDataTTL, because a table
// per kecamatan costs a count per kecamatan and the routes are open to
// anyone. See docs/data-terbuka.md.

// openDataTTL is how long a counted table is served before it is counted
// again.
const openDataTTL = 5 * time.Minute

// openDataReader returns the actor open data is counted as: the whole
// deployment, read only, personal data masked.
func openDataReader() *bina.User {
	return &bina.User{Name: "data-terbuka", Role: bina.RoleViewer}
}

// openDataCache keeps counted tables, by dataset and query, and the last
// change of each subject.
type openDataCache struct {
	mu      sync.Mutex
	entries map[string]openDataEntry
	changed map[string]openDataChange
	// counting lets one table be counted at a time: the routes are open
	// to anyone, and a crowd arriving when a table expires waits for one
	// count and takes its result rather than starting one each.
	counting sync.Mutex
}

// openDataEntry is one counted table in both formats.
type openDataEntry struct {
	files map[string]openDataFile // by extension
	at    time.Time
}

type openDataFile struct {
	body []byte
	etag string
	name string
}

type openDataChange struct {
	last, at time.Time
}

func fresh(at, now time.Time) bool { return !now.Before(at) && now.Sub(at) <= openDataTTL }

func (c *openDataCache) get(key string, now time.Time) (openDataEntry, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	e, ok := c.entries[key]
	if !ok || !fresh(e.at, now) {
		return openDataEntry{}, false
	}
	return e, true
}

func (c *openDataCache) put(key string, e openDataEntry) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.entries == nil {
		c.entries = map[string]openDataEntry{}
	}
	c.entries[key] = e
}

// lastChanged returns when the records of subject last changed, asked at
// most once per openDataTTL; zero when not known (no OpenData service, or
// an error, which is logged: the date is not worth failing a download).
func (h *Handler) lastChanged(ctx context.Context, subject string, now time.Time) time.Time {
	if h.OpenData == nil {
		return time.Time{}
	}
	c := &h.openDataCache
	c.mu.Lock()
	ch, ok := c.changed[subject]
	c.mu.Unlock()
	if ok && fresh(ch.at, now) {
		return ch.last
	}
	last, err := h.OpenData.LastChanged(bina.WithUser(ctx, openDataReader()), subject)
	if err != nil {
		h.Log.Warn("open data: last change", "subject", subject, "err", err)
		return time.Time{}
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.changed == nil {
		c.changed = map[string]openDataChange{}
	}
	c.changed[subject] = openDataChange{last: last, at: now}
	return last
}

func (h *Handler) openDataSources() export.OpenDataSources {
	return export.OpenDataSources{Enterprises: h.Enterprises, Cooperatives: h.Cooperatives, Indicators: h.Indicators, Ref: h.Ref}
}

// openDataPage is the public list of the datasets.
type openDataPage struct {
	layout
	Datasets  []openDataItem
	Producer  string
	Licence   struct{ Name, URL string }
	SmallCell int
	Marks     []export.OpenDataMark
}

type openDataItem struct {
	*export.OpenDataset
	Period  string
	Updated time.Time
	Level   bina.Text
}

// OpenDataList shows the datasets with their description, period, last
// change, producer, licence and downloads (GET /data-terbuka).
func (h *Handler) OpenDataList(w http.ResponseWriter, r *http.Request) {
	p := &openDataPage{layout: h.newLayout(r, "Data terbuka", ""), Producer: export.OpenDataProducer(h.Ref),
		Licence: export.OpenDataLicence, SmallCell: export.SmallCell, Marks: export.OpenDataMarks}
	now := h.Ref.Clock()
	src := h.openDataSources()
	for i := range export.OpenDatasets {
		d := &export.OpenDatasets[i]
		if !d.Available(src) {
			continue
		}
		p.Datasets = append(p.Datasets, openDataItem{OpenDataset: d, Period: d.Period(h.Ref),
			Updated: h.lastChanged(r.Context(), d.Subject, now), Level: export.OpenDataLevelNames[d.Level]})
	}
	// render marks the page no-store: it holds the language and, for a
	// signed-in visitor, their name and form token.
	h.render(w, r, http.StatusOK, "opendata/list", p)
}

// OpenDataFile serves one dataset as CSV or JSON (GET
// /data-terbuka/{dataset}.csv or .json, with kategori= and tahun= where
// the first routes took them). An unknown dataset or extension is 404; a
// request whose If-None-Match holds the file's ETag is 304.
func (h *Handler) OpenDataFile(w http.ResponseWriter, r *http.Request) {
	file := r.PathValue("file")
	name, ext, _ := strings.Cut(file, ".")
	d, ok := export.OpenDatasetByName(name)
	src := h.openDataSources()
	if !ok || (ext != "csv" && ext != "json") || !d.Available(src) {
		h.Error(w, r, bina.Errorf(bina.NotFound, "Data terbuka %q tidak ada. Daftarnya ada di /data-terbuka.",
			"There is no open data %q. The list is at /data-terbuka.", file))
		return
	}
	q := r.URL.Query()
	category := q.Get("kategori")
	year := 0
	if y := q.Get("tahun"); y != "" {
		n, err := strconv.Atoi(y)
		if err != nil || n < 1900 || n > 9999 {
			var p bina.Problems
			p.Add("tahun", "Tahun %q tidak dikenali; tulis empat angka, seperti 2026", "Year %q not understood; write four digits, like 2026", y)
			h.Error(w, r, p.Err())
			return
		}
		year = n
	}
	e, err := h.openDataFiles(r.Context(), d, src, category, year)
	if err != nil {
		h.Error(w, r, err)
		return
	}
	f := e.files[ext]
	ctype := typeCSV
	if ext == "json" {
		ctype = "application/json; charset=utf-8"
	} else {
		// The CSV's metadata (licence, producer, the marks of withheld
		// cells) is the JSON's, as CSV on the Web points to it.
		meta := "/data-terbuka/" + name + ".json"
		if r.URL.RawQuery != "" {
			meta += "?" + r.URL.Query().Encode()
		}
		w.Header().Set("Link", "<"+meta+">; rel=\"describedby\"; type=\"application/json\"")
	}
	// Public aggregates: caches may keep them as long as Bina does.
	setDownloadHeaders(w, f.name, ctype, "public, max-age="+strconv.Itoa(int(openDataTTL.Seconds())))
	w.Header().Set("ETag", f.etag)
	// ServeContent answers If-None-Match with 304, comparing weakly as
	// RFC 9110 asks (the gzip middleware marks the tag weak).
	http.ServeContent(w, r, "", time.Time{}, bytes.NewReader(f.body))
}

// openDataFiles returns the files of d for a query: kept ones, or counted
// now (one count at a time).
func (h *Handler) openDataFiles(ctx context.Context, d *export.OpenDataset, src export.OpenDataSources, category string, year int) (openDataEntry, error) {
	c := &h.openDataCache
	key := d.Name + "|" + category + "|" + strconv.Itoa(year)
	if e, ok := c.get(key, h.Ref.Clock()); ok {
		return e, nil
	}
	c.counting.Lock()
	defer c.counting.Unlock()
	now := h.Ref.Clock()
	if e, ok := c.get(key, now); ok {
		return e, nil
	}
	e, err := h.countOpenData(ctx, d, src, category, year, now)
	if err != nil {
		return e, err
	}
	c.put(key, e)
	return e, nil
}

// countOpenData counts d and writes it in both formats.
func (h *Handler) countOpenData(ctx context.Context, d *export.OpenDataset, src export.OpenDataSources, category string, year int, now time.Time) (openDataEntry, error) {
	t, err := d.Count(bina.WithUser(ctx, openDataReader()), src, category, year)
	if err != nil {
		return openDataEntry{}, err
	}
	var csv, js bytes.Buffer
	rows := func(yield func([]any, error) bool) {
		for _, row := range t.Rows {
			if !yield(t.Cells(h.Ref, row), nil) {
				return
			}
		}
	}
	if _, err := sheet.WriteAll(&csv, "csv", "", t.Header(), rows); err != nil {
		return openDataEntry{}, bina.Wrap(err, "write open data")
	}
	meta := d.Metadata(h.Ref, t, h.lastChanged(ctx, d.Subject, now))
	if err := export.WriteOpenDataJSON(&js, h.Ref, meta, t); err != nil {
		return openDataEntry{}, bina.Wrap(err, "write open data")
	}
	what := "data-terbuka-" + d.Name
	if category != "" {
		what += "-" + category
	}
	region := h.regionName(h.Ref.Regions.Root())
	e := openDataEntry{at: now, files: map[string]openDataFile{}}
	for ext, b := range map[string][]byte{"csv": csv.Bytes(), "json": js.Bytes()} {
		sum := sha256.Sum256(b)
		e.files[ext] = openDataFile{body: b, etag: `"` + hex.EncodeToString(sum[:12]) + `"`, name: export.ExportFileName(what, region, now, ext)}
	}
	return e, nil
}
