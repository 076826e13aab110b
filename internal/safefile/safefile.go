// Package safefile replaces a file only with a whole new one: what is
// written goes to a temporary file beside the destination, which is
// synced to stable storage, renamed over the destination and its
// directory synced. A reader of the destination (a restore, a copy to
// another machine) sees the old file or the new one, never part of one,
// and a failed write leaves no temporary file behind. Backups use it.
package safefile

import (
	"os"
	"path/filepath"
	"time"
)

// Replace calls write with the name of a new, empty temporary file in
// dest's directory, then puts that file in dest's place. When write or
// any later step fails, the temporary file is removed and dest is left
// as it was.
func Replace(dest string, write func(tmp string) error) error {
	dir := filepath.Dir(dest)
	f, err := os.CreateTemp(dir, "."+filepath.Base(dest)+".*.tmp")
	if err != nil {
		return err
	}
	tmp := f.Name()
	f.Close()
	renamed := false
	defer func() {
		if !renamed {
			os.Remove(tmp)
		}
	}()
	if err := write(tmp); err != nil {
		return err
	}
	if err := Sync(tmp); err != nil {
		return err
	}
	if err := os.Rename(tmp, dest); err != nil {
		return err
	}
	renamed = true
	return Sync(dir)
}

// Sync flushes the file or directory at path to stable storage.
func Sync(path string) error {
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	defer f.Close()
	return f.Sync()
}

// WatchSize calls fn with the size of the file at path five times a
// second, until the returned function is called (which waits for the
// last call to end). It shows the progress of a file that another
// program or library writes.
func WatchSize(path string, fn func(size int64)) (stop func()) {
	quit := make(chan struct{})
	ended := make(chan struct{})
	go func() {
		defer close(ended)
		t := time.NewTicker(200 * time.Millisecond)
		defer t.Stop()
		for {
			select {
			case <-quit:
				return
			case <-t.C:
				if fi, err := os.Stat(path); err == nil {
					fn(fi.Size())
				}
			}
		}
	}()
	return func() { close(quit); <-ended }
}
