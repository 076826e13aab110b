package importer

import (
	"context"
	"io"
	"os"

	"bina"
	"bina/imports"
	"bina/internal/sheet"
)

// FileOpener opens the stored file of an import (imports.Service and
// imports.Store both do).
type FileOpener interface {
	OpenImportFile(ctx context.Context, id int64) (io.ReadCloser, error)
}

// StoredFile copies the stored file of job j to a temporary file in dir
// ("" for the system's): an .xlsx is read by random access. At most limit
// bytes are copied (0: all). It returns the file's path and a function
// that removes it.
func StoredFile(ctx context.Context, files FileOpener, j *imports.Job, dir string, limit int64) (string, func(), error) {
	src, err := files.OpenImportFile(ctx, j.ID)
	if err != nil {
		return "", nil, err
	}
	defer src.Close()
	f, err := os.CreateTemp(dir, "bina-import-*")
	if err != nil {
		return "", nil, bina.Wrap(err, "temporary file")
	}
	cleanup := func() { os.Remove(f.Name()) }
	var r io.Reader = src
	if limit > 0 {
		r = io.LimitReader(src, limit)
	}
	_, err = io.Copy(f, r)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		cleanup()
		return "", nil, bina.Wrap(err, "copy import file")
	}
	return f.Name(), cleanup, nil
}

// ReadHead returns the first n rows of the spreadsheet at path (fewer when
// it has fewer) and its format, "xlsx" or "csv", for Plan. A file that
// cannot be read gives an Invalid error that says why.
func ReadHead(path string, limits sheet.Limits, n int) ([][]string, string, error) {
	rd, err := sheet.Open(path, limits)
	if err != nil {
		return nil, "", err
	}
	defer rd.Close()
	var rows [][]string
	for len(rows) < n {
		row, err := rd.Next()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, "", err
		}
		rows = append(rows, row)
	}
	return rows, rd.Format(), nil
}
