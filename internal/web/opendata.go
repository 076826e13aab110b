package web

import (
	"bytes"
	"context"
	"net/http"
	"strconv"
	"sync"
	"time"

	"bina"
	"bina/internal/export"
	"bina/internal/sheet"
)

// Open data for the regency's Satu Data portal (Perpres 39/2019): counts of
// UMKM and cooperatives per kecamatan and category, as CSV in the portal's
// shape (bina.OpenDataTable). These are public routes: the office
// publishes them, they hold counts only, never a record, a name or an
// identity number, and counts below bina.SmallCell are withheld so that no
// business can be recognised in them (DOMAIN.md section 10).
//
// Every request counts the whole deployment, whoever asks: a signed-in
// field officer gets the same table as the portal. The counting acts as a
// reader of the whole register who may not see personal data
// (openDataReader), and a table is kept for openDataTTL, because a table by
// KBLI section costs a count per kecamatan and section and the routes are
// open to anyone.

// openDataTTL is how long a counted table is served before it is counted
// again.
const openDataTTL = 5 * time.Minute

// openDataReader returns the actor open data is counted as: the whole
// deployment, read only, personal data masked.
func openDataReader() *bina.User {
	return &bina.User{Name: "data-terbuka", Role: bina.RoleViewer}
}

// openDataCache keeps counted tables, by route and query.
type openDataCache struct {
	mu      sync.Mutex
	entries map[string]openDataEntry
}

type openDataEntry struct {
	body []byte
	name string
	at   time.Time
}

func (c *openDataCache) get(key string, now time.Time) (openDataEntry, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	e, ok := c.entries[key]
	if !ok || now.Sub(e.at) > openDataTTL || now.Before(e.at) {
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

// OpenDataEnterprises serves the UMKM counts (GET
// /data-terbuka/umkm.csv?kategori=skala|kbli|status|binaan&tahun=YYYY):
// one row per kecamatan and category with jumlah_umkm.
func (h *Handler) OpenDataEnterprises(w http.ResponseWriter, r *http.Request) {
	h.openData(w, r, "umkm", "skala", func(ctx context.Context, category string, year int) (*export.OpenDataTable, error) {
		return export.EnterpriseOpenDataTable(ctx, h.Enterprises, h.Ref, category, year)
	})
}

// OpenDataCooperatives serves the cooperative counts (GET
// /data-terbuka/koperasi.csv?kategori=jenis|keaktifan&tahun=YYYY): one row
// per kecamatan and type or activity with jumlah_koperasi.
func (h *Handler) OpenDataCooperatives(w http.ResponseWriter, r *http.Request) {
	h.openData(w, r, "koperasi", "jenis", func(ctx context.Context, category string, year int) (*export.OpenDataTable, error) {
		return export.CooperativeOpenDataTable(ctx, h.Cooperatives, h.Ref, category, year)
	})
}

func (h *Handler) openData(w http.ResponseWriter, r *http.Request, what, defaultCategory string, count func(context.Context, string, int) (*export.OpenDataTable, error)) {
	q := r.URL.Query()
	category := q.Get("kategori")
	if category == "" {
		category = defaultCategory
	}
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
	now := h.Ref.Clock()
	key := what + "|" + category + "|" + strconv.Itoa(year)
	e, ok := h.openDataCache.get(key, now)
	if !ok {
		t, err := count(bina.WithUser(r.Context(), openDataReader()), category, year)
		if err != nil {
			h.Error(w, r, err)
			return
		}
		var buf bytes.Buffer
		rows := func(yield func([]any, error) bool) {
			for _, row := range t.Rows {
				if !yield(t.Cells(h.Ref, row), nil) {
					return
				}
			}
		}
		if _, err := sheet.WriteAll(&buf, "csv", "", t.Header(), rows); err != nil {
			h.Error(w, r, bina.Wrap(err, "write open data"))
			return
		}
		e = openDataEntry{body: buf.Bytes(), at: now,
			name: export.ExportFileName("data-terbuka-"+what+"-"+category, h.regionName(h.Ref.Regions.Root()), now, "csv")}
		h.openDataCache.put(key, e)
	}
	// Public aggregates: caches may keep them as long as Bina does.
	setDownloadHeaders(w, e.name, typeCSV, "public, max-age="+strconv.Itoa(int(openDataTTL.Seconds())))
	w.Header().Set("Content-Length", strconv.Itoa(len(e.body)))
	_, _ = w.Write(e.body)
}
