package web

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"strings"

	"bina"
	"bina/imports"
	"bina/internal/importer"
	"bina/internal/sheet"
)

// The upload step of an import (see import.go).

// multipartMemory is how much of an upload is kept in memory while it is
// parsed; the rest goes to a temporary file.
const multipartMemory = 8 << 20

// ImportUpload stores an uploaded spreadsheet as a new import and sends
// the browser to its mapping step. The file is opened first: a file that
// is not a readable spreadsheet is refused with the reason, and nothing is
// stored.
func (h *Handler) ImportUpload(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	u := bina.UserFromContext(ctx)
	if err := h.mayImport(r); err != nil {
		h.Error(w, r, err)
		return
	}
	lang := lang(r)
	refuse := func(f *form, field string, msg bina.Text) {
		f.addProblems([]bina.FieldError{{Field: field, Message: msg}}, lang)
		h.importList(w, r, http.StatusUnprocessableEntity, f, msg.In(lang))
	}
	up := h.readUpload(w, r, importInputs, refuse)
	if up == nil {
		return
	}
	defer up.cleanup()
	f, head := up.form, up.head
	// The kind of records comes from the form unless the template says it.
	if f.Get("entity") == "" && f.Get("template") == "" {
		refuse(f, "entity", bina.Text{ID: "Pilih jenis data: UMKM atau koperasi.", EN: "Choose the kind of records: UMKM or cooperatives."})
		return
	}
	saved, err := importer.SavedMappings(ctx, h.Imports)
	if err != nil {
		h.Error(w, r, err)
		return
	}
	plan, err := importer.Plan(importer.PlanInput{Head: head, Template: f.Get("template"), Entity: bina.Entity(f.Get("entity")), Saved: saved})
	if err != nil {
		field := "file"
		if fs := bina.ErrorFields(err); len(fs) > 0 {
			field = fs[0].Field
		}
		refuse(f, field, bina.ErrorText(err))
		return
	}
	// The mapping step shows the plan's mapping to be checked; the job
	// waits for it without one.
	j := plan.Job()
	j.Mapping = nil
	j.DryRun, j.CreatedBy = f.Checked("dry_run"), u.Name
	err = h.storeUpload(ctx, up, j)
	if code := bina.ErrorCode(err); code == bina.Invalid {
		refuse(f, "file", bina.ErrorText(err))
		return
	} else if err != nil {
		h.Error(w, r, err)
		return
	}
	h.redirectFlash(w, r, importURL(j.ID), "uploaded")
}

// upload is a spreadsheet posted with a form, read far enough to plan
// its import.
type upload struct {
	form               *form
	path, name, format string
	size               int64
	head               [][]string // the first rows (importer.HeadRows)
	cleanup            func()
}

// readUpload reads a multipart form with the fields inputs and its
// spreadsheet "file". When the upload cannot be imported it calls refuse
// with the reason, or writes the error page, and returns nil; otherwise
// the caller calls the upload's cleanup.
func (h *Handler) readUpload(w http.ResponseWriter, r *http.Request, inputs []string, refuse func(f *form, field string, msg bina.Text)) *upload {
	err := r.ParseMultipartForm(multipartMemory)
	f := newForm(r.PostForm, inputs, nil)
	if r.MultipartForm != nil {
		f = newForm(url.Values(r.MultipartForm.Value), inputs, nil)
	}
	var tooLarge *http.MaxBytesError
	switch {
	case errors.As(err, &tooLarge):
		refuse(f, "file", tooLargeText())
		return nil
	case errors.Is(err, http.ErrNotMultipart):
		refuse(f, "file", bina.Text{ID: "Pilih berkas .xlsx, .ods atau .csv yang akan diimpor.", EN: "Choose the .xlsx, .ods or .csv file to import."})
		return nil
	case err != nil:
		refuse(f, "file", bina.Text{ID: "Formulir unggah tidak terbaca; pilih berkasnya lagi.", EN: "The upload could not be read; choose the file again."})
		return nil
	}
	file, fh, err := r.FormFile("file")
	if err != nil {
		refuse(f, "file", bina.Text{ID: "Pilih berkas .xlsx, .ods atau .csv yang akan diimpor.", EN: "Choose the .xlsx, .ods or .csv file to import."})
		return nil
	}
	defer file.Close()
	if fh.Size > MaxUpload {
		refuse(f, "file", tooLargeText())
		return nil
	}
	name := filepath.Base(strings.ReplaceAll(fh.Filename, `\`, "/"))
	switch strings.ToLower(filepath.Ext(name)) {
	case ".xlsx", ".ods", ".csv", ".txt":
	case ".xls":
		refuse(f, "file", bina.Text{ID: "Berkas .xls (Excel 97-2003) tidak dapat dibaca. Buka di Excel lalu simpan sebagai .xlsx.", EN: "An .xls file (Excel 97-2003) cannot be read. Open it in Excel and save it as .xlsx."})
		return nil
	default:
		refuse(f, "file", bina.Text{ID: "Jenis berkas tidak didukung; unggah .xlsx, .ods atau .csv.", EN: "This kind of file is not supported; upload an .xlsx, .ods or .csv file."})
		return nil
	}

	// The upload is on disk already when it is larger than
	// multipartMemory; a small one is written to a temporary file, since
	// an .xlsx is read by random access.
	path, cleanup, err := uploadPath(file)
	if err != nil {
		h.Error(w, r, err)
		return nil
	}
	head, format, err := importer.ReadHead(path, sheet.Limits{MaxBytes: MaxUpload}, importer.HeadRows)
	if err != nil {
		cleanup()
		if bina.ErrorCode(err) == bina.Internal {
			h.Error(w, r, err)
			return nil
		}
		refuse(f, "file", bina.ErrorText(err))
		return nil
	}
	return &upload{form: f, path: path, name: name, format: format, size: fh.Size, head: head, cleanup: cleanup}
}

// storeUpload stores the upload as the file of the new import j.
func (h *Handler) storeUpload(ctx context.Context, up *upload, j *imports.Job) error {
	j.FileName, j.Format, j.Size = up.name, up.format, up.size
	stored, err := os.Open(up.path)
	if err != nil {
		return bina.Wrap(err, "reopen upload")
	}
	defer stored.Close()
	return h.Imports.CreateImport(ctx, j, stored)
}

func tooLargeText() bina.Text {
	return bina.Text{
		ID: fmt.Sprintf("Berkas terlalu besar; paling besar %d MB. Bagi menjadi beberapa berkas.", MaxUpload>>20),
		EN: fmt.Sprintf("The file is too large; at most %d MB. Split it into several files.", MaxUpload>>20),
	}
}

// uploadPath returns a path holding the uploaded file, and a function
// that removes what uploadPath made.
func uploadPath(f io.Reader) (string, func(), error) {
	if osf, ok := f.(*os.File); ok {
		return osf.Name(), func() {}, nil
	}
	tmp, err := os.CreateTemp("", "bina-upload-*")
	if err != nil {
		return "", nil, bina.Wrap(err, "temporary file")
	}
	cleanup := func() { tmp.Close(); os.Remove(tmp.Name()) }
	if _, err := io.Copy(tmp, f); err != nil {
		cleanup()
		return "", nil, bina.Wrap(err, "copy upload")
	}
	return tmp.Name(), cleanup, nil
}
