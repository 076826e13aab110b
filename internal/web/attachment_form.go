package web

import (
	"errors"
	"io"
	"net/http"

	"bina"
)

// readFormImage returns the picture chosen in the form's file input
// named field, checked by bina.ImageCheck, or nil when none was chosen.
// Its problems name field; the caller sets the uuid, owner and caption.
func (h *Handler) readFormImage(r *http.Request, field string) (*bina.Attachment, error) {
	if r.MultipartForm == nil || len(r.MultipartForm.File[field]) == 0 {
		return nil, nil
	}
	fh := r.MultipartForm.File[field][0]
	if fh.Size == 0 && fh.Filename == "" {
		return nil, nil // the browser sends an empty part when no file was chosen
	}
	if h.Attachments == nil {
		var p bina.Problems
		p.Add(field, "Berkas belum dapat disimpan di server ini", "Files cannot be stored on this server")
		return nil, p.Err()
	}
	f, err := fh.Open()
	if err != nil {
		return nil, bina.Wrap(err, "open "+field)
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, bina.DefaultMaxImage+1))
	if err != nil {
		return nil, bina.Wrap(err, "read "+field)
	}
	ct, err := bina.ImageCheck{}.Check(data, fh.Header.Get("Content-Type"))
	var be *bina.Error
	if errors.As(err, &be) {
		for i := range be.Fields {
			be.Fields[i].Field = field
		}
	}
	if err != nil {
		return nil, err
	}
	return &bina.Attachment{ContentType: ct, Data: data}, nil
}
