package sheet

import (
	"context"
	"time"

	"bina"
)

// Gate bounds how many files a server writes at once. An .xlsx export
// holds its workbook's parts until the end (about 16 MB each), so 120 at
// once took a server to 1.9 GB; past the bound a request waits a little
// for a turn, then is told to come back. A nil *Gate bounds nothing.
type Gate struct {
	slots chan struct{}
	wait  time.Duration
}

// NewGate returns a Gate of n files at once (at least 1), where a request
// waits up to wait for a turn.
func NewGate(n int, wait time.Duration) *Gate {
	return &Gate{slots: make(chan struct{}, max(n, 1)), wait: wait}
}

// RetryAfter is what a refused request is told to wait, in seconds.
const RetryAfter = 30

// Enter takes a turn, waiting up to the gate's wait for one. It returns
// the function that gives the turn back, or a TooMany error when no turn came
// (or ctx ended first).
func (g *Gate) Enter(ctx context.Context) (leave func(), err error) {
	if g == nil {
		return func() {}, nil
	}
	t := time.NewTimer(g.wait)
	defer t.Stop()
	select {
	case g.slots <- struct{}{}:
		return func() { <-g.slots }, nil
	case <-t.C:
	case <-ctx.Done():
	}
	e := bina.Errorf(bina.TooMany, "Server sedang menyiapkan banyak unduhan; coba lagi dalam %d detik.", "The server is preparing many downloads; try again in %d seconds.", RetryAfter)
	e.RetryAfter = RetryAfter * time.Second
	return nil, e
}
