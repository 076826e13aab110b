package bina

import (
	"errors"
	"fmt"
	"time"
)

// Code is the closed set of error kinds. Pages and the API map them to HTTP
// statuses through internal/httperr, in one place.
type Code string

// The error codes.
const (
	Invalid      Code = "invalid"
	NotFound     Code = "not_found"
	Conflict     Code = "conflict"
	Unauthorized Code = "unauthorized"
	Forbidden    Code = "forbidden"
	TooMany      Code = "too_many" // try again after Error.RetryAfter
	Internal     Code = "internal"
)

// Text is a message in Bahasa Indonesia and in English.
type Text struct {
	ID string `json:"id"`
	EN string `json:"en"`
}

// In returns the text in lang ("en" for English, anything else Indonesian).
func (t Text) In(lang string) string {
	if lang == "en" && t.EN != "" {
		return t.EN
	}
	return t.ID
}

// FieldError is a problem with one field of a form or JSON body.
type FieldError struct {
	Field   string `json:"field"`
	Message Text   `json:"message"`
}

// Error is Bina's error. Message is safe to show to a user; Err, the cause,
// is for logs only.
type Error struct {
	Code    Code
	Message Text
	Fields  []FieldError
	Err     error
	// RetryAfter, for TooMany, is how long to wait before trying again.
	RetryAfter time.Duration
}

func (e *Error) Error() string {
	s := string(e.Code) + ": " + e.Message.EN
	if e.Message.EN == "" {
		s = string(e.Code) + ": " + e.Message.ID
	}
	if e.Err != nil {
		s += ": " + e.Err.Error()
	}
	return s
}

func (e *Error) Unwrap() error { return e.Err }

// Errorf returns an *Error with code and both messages, formatted with the
// same arguments.
func Errorf(code Code, id, en string, args ...any) *Error {
	return &Error{Code: code, Message: Text{ID: fmt.Sprintf(id, args...), EN: fmt.Sprintf(en, args...)}}
}

// Wrap returns an internal error that carries err for the log.
func Wrap(err error, what string) error {
	if err == nil {
		return nil
	}
	var be *Error
	if errors.As(err, &be) {
		return err
	}
	return &Error{Code: Internal, Message: Text{ID: "Terjadi kesalahan internal.", EN: "An internal error occurred."}, Err: fmt.Errorf("%s: %w", what, err)}
}

// ErrorCode returns the code of err: Internal for errors that are not *Error.
func ErrorCode(err error) Code {
	if err == nil {
		return ""
	}
	var e *Error
	if errors.As(err, &e) {
		return e.Code
	}
	return Internal
}

// ErrorText returns the user-facing message of err; internal errors get a
// generic apology so that no SQL or stack text reaches a user.
func ErrorText(err error) Text {
	var e *Error
	if errors.As(err, &e) && e.Code != Internal {
		return e.Message
	}
	return Text{ID: "Maaf, terjadi kesalahan pada server.", EN: "Sorry, something went wrong on the server."}
}

// ErrorFields returns the field errors carried by err.
func ErrorFields(err error) []FieldError {
	var e *Error
	if errors.As(err, &e) {
		return e.Fields
	}
	return nil
}

// Problems collects field errors during validation.
type Problems struct {
	Fields []FieldError
}

// Add records a problem with field.
func (p *Problems) Add(field, id, en string, args ...any) {
	p.Fields = append(p.Fields, FieldError{Field: field, Message: Text{ID: fmt.Sprintf(id, args...), EN: fmt.Sprintf(en, args...)}})
}

// Err returns an Invalid *Error when problems were added, else nil.
func (p *Problems) Err() error {
	if len(p.Fields) == 0 {
		return nil
	}
	return &Error{Code: Invalid, Message: Text{ID: "Data belum benar; periksa kolom yang ditandai.", EN: "Some fields need attention."}, Fields: p.Fields}
}

// For returns the message for field, if any.
func (p *Problems) For(field string) (Text, bool) {
	for _, f := range p.Fields {
		if f.Field == field {
			return f.Message, true
		}
	}
	return Text{}, false
}
