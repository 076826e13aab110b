package web

import (
	"bytes"
	"io"
	"net/http"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"bina"
	"bina/indicator"
	"bina/internal/geojson"
)

// MaxBoundaryFile bounds an uploaded boundary file: the desa of a whole
// province at map resolution fit in a few MB.
const MaxBoundaryFile = 16 << 20

// boundaryLevels are the levels an admin can upload boundaries for, with
// their names.
var boundaryLevels = bina.Options{
	{Code: "3", ID: "Kecamatan", EN: "Districts (kecamatan)"},
	{Code: "4", ID: "Desa/kelurahan", EN: "Villages (desa)"},
	{Code: "2", ID: "Kabupaten/kota", EN: "Regencies and cities"},
}

// boundaryRow is what the upload page says of one level's boundaries.
type boundaryRow struct {
	Level  string
	Name   string
	Source string // "upload", "demo" or "" (none)
	File   string
	By     string
	At     time.Time
	Count  int
}

// boundariesPage is the admin's page of the map boundaries.
type boundariesPage struct {
	layout
	Rows   []boundaryRow
	Levels bina.Options
	Level  string
	Error  string
}

// BoundariesPage shows where the maps' boundaries come from and the form
// to upload a deployment's own file (GET /pengaturan/peta, admins).
func (h *Handler) BoundariesPage(w http.ResponseWriter, r *http.Request) {
	h.renderBoundaries(w, r, http.StatusOK, "3", "")
}

func (h *Handler) renderBoundaries(w http.ResponseWriter, r *http.Request, status int, level, msg string) {
	u := bina.UserFromContext(r.Context())
	if h.Boundaries == nil {
		http.NotFound(w, r)
		return
	}
	if !u.IsAdmin() {
		h.Error(w, r, bina.Errorf(bina.Forbidden, "Hanya admin yang boleh mengganti batas wilayah peta.", "Only admins may replace the map boundaries."))
		return
	}
	p := &boundariesPage{layout: h.newLayout(r, "Pengaturan peta", "peta"), Levels: boundaryLevels, Level: level, Error: msg}
	layers := h.mapLayers(r.Context())
	for _, o := range boundaryLevels {
		n, _ := strconv.Atoi(o.Code)
		row := boundaryRow{Level: o.Code, Name: o.Label(p.Lang)}
		if l := layers[bina.RegionLevel(n)]; l != nil {
			row.Count = len(l.features)
			row.Source = "demo"
			if f := l.file; f != nil {
				row.Source, row.File, row.By, row.At = "upload", f.Name, f.UploadedBy, f.UploadedAt
			}
		}
		p.Rows = append(p.Rows, row)
	}
	h.render(w, r, status, "dashboard/boundaries", p)
}

// BoundariesUpload checks an uploaded GeoJSON file against the
// deployment's regions of the chosen level and keeps it; a file that is
// not GeoJSON, too large, or holds codes of other regions is refused with
// the reason, and the boundaries in use stay (POST /pengaturan/peta).
func (h *Handler) BoundariesUpload(w http.ResponseWriter, r *http.Request) {
	if h.Boundaries == nil {
		http.NotFound(w, r)
		return
	}
	if !bina.UserFromContext(r.Context()).IsAdmin() {
		h.Error(w, r, bina.Errorf(bina.Forbidden, "Hanya admin yang boleh mengganti batas wilayah peta.", "Only admins may replace the map boundaries."))
		return
	}
	l := lang(r)
	level := r.PostFormValue("level")
	refuse := func(msg bina.Text) { h.renderBoundaries(w, r, http.StatusUnprocessableEntity, level, msg.In(l)) }
	n, _ := strconv.Atoi(level)
	if !boundaryLevels.Has(level) {
		refuse(bina.Text{ID: "Pilih tingkat wilayah berkas ini.", EN: "Choose the region level of the file."})
		return
	}
	file, fh, err := r.FormFile("file")
	if err != nil {
		refuse(bina.Text{ID: "Pilih berkas GeoJSON (.geojson atau .json) yang akan diunggah.", EN: "Choose the GeoJSON file (.geojson or .json) to upload."})
		return
	}
	defer file.Close()
	if fh.Size > MaxBoundaryFile {
		refuse(bina.Text{ID: "Berkas batas wilayah lebih besar dari " + strconv.Itoa(MaxBoundaryFile>>20) + " MB.", EN: "The boundary file is larger than " + strconv.Itoa(MaxBoundaryFile>>20) + " MB."})
		return
	}
	data, err := io.ReadAll(io.LimitReader(file, MaxBoundaryFile+1))
	if err != nil {
		h.Error(w, r, bina.Wrap(err, "read boundary upload"))
		return
	}
	features, err := geojson.Read(bytes.NewReader(data), MaxBoundaryFile)
	if err == nil {
		_, err = geojson.Match(features, h.regionsAt(bina.RegionLevel(n)))
	}
	if err != nil {
		if bina.ErrorCode(err) != bina.Invalid {
			h.Error(w, r, err)
			return
		}
		refuse(bina.ErrorText(err))
		return
	}
	name := filepath.Base(strings.ReplaceAll(fh.Filename, `\`, "/"))
	f := &indicator.BoundaryFile{Level: bina.RegionLevel(n), Name: name, Data: data, Features: len(features)}
	if err := h.Boundaries.SaveBoundaryFile(r.Context(), f); err != nil {
		h.Error(w, r, err)
		return
	}
	h.maps.reset()
	h.redirectFlash(w, r, "/pengaturan/peta", "boundaries-saved")
}
