package bina

import (
	"errors"
	"io/fs"
	"syscall"
)

// BackupWriteError is the error of a backup that cannot be written at
// dest: a full disk, a missing or unwritable directory. It says that no
// file was left behind (backups write a temporary file and rename it, see
// internal/safefile) and that the database was only read.
func BackupWriteError(dest string, err error) error {
	if errors.Is(err, syscall.ENOSPC) {
		return &Error{Code: Invalid, Err: err, Message: Text{
			ID: "Disk penuh: cadangan " + dest + " tidak dapat ditulis; tidak ada berkas yang tertinggal, basis data tidak berubah.",
			EN: "Disk full: the backup " + dest + " could not be written; no file was left behind, the database is unchanged."}}
	}
	reason := err.Error()
	var pe *fs.PathError
	if errors.As(err, &pe) {
		reason = pe.Err.Error()
	}
	return &Error{Code: Invalid, Err: err, Message: Text{
		ID: "Cadangan tidak dapat ditulis ke " + dest + " (" + reason + "); tidak ada berkas yang tertinggal, basis data tidak berubah.",
		EN: "The backup cannot be written to " + dest + " (" + reason + "); no file was left behind, the database is unchanged."}}
}
