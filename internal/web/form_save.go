package web

import (
	"net/http"

	"bina"
)

// formSave is one save of an edit form: the form as posted, what reading
// it found, how the domain checks the record, how the form is shown again
// and how the record is saved.
type formSave struct {
	form *form
	read *parser
	// check returns the domain's problems with the record as read; an
	// error that is not Invalid ends the request with an error page.
	check func() error
	show  func(status int, f *form)
	save  func() error
}

// failed saves when the form could be read, and on a problem shows the
// form again with the user's input and each problem beside its field. It
// reports whether it answered the request.
func (h *Handler) failed(w http.ResponseWriter, r *http.Request, s formSave) bool {
	lang, f := lang(r), s.form
	if len(s.read.p.Fields) > 0 {
		// Something could not be read: show it with whatever else the
		// domain rules find, and save nothing.
		err := s.check()
		if c := bina.ErrorCode(err); c != "" && c != bina.Invalid {
			h.Error(w, r, err)
			return true
		}
		s.read.merge(err)
		f.addProblems(s.read.p.Fields, lang)
		s.show(http.StatusUnprocessableEntity, f)
		return true
	}
	err := s.save()
	switch bina.ErrorCode(err) {
	case "":
		return false
	case bina.Invalid:
		f.addProblems(bina.ErrorFields(err), lang)
		if len(f.Summary) == 0 {
			f.Summary = append(f.Summary, problem{Message: bina.ErrorText(err).In(lang)})
		}
		s.show(http.StatusUnprocessableEntity, f)
	case bina.Conflict:
		f.Conflict = true
		s.show(http.StatusConflict, f)
	default:
		h.Error(w, r, err)
	}
	return true
}
