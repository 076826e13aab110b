// Package progress draws a progress bar for the long commands of the
// `bina` CLI (import, demo at scale, backup) on a terminal, and nothing at
// all when the output is a file, a pipe or a service's log, so that logs
// and scripts read only the commands' results.
//
// It needs two things: whether the output is a terminal, and how wide it
// is. golang.org/x/term answers both (the Go team's package, already in
// the module graph through golang.org/x/crypto); a bar is one line
// redrawn with a carriage return, which is less code than adapting a
// progress-bar library's options to it.
package progress

import (
	"fmt"
	"io"
	"os"
	"strings"
	"sync"
	"time"

	"golang.org/x/term"
)

// Bar is a progress bar on one line of a terminal. A Bar made for an
// output that is not a terminal does nothing. Its methods are safe for
// concurrent use.
type Bar struct {
	mu     sync.Mutex
	w      io.Writer
	label  string
	unit   Unit
	width  int
	start  time.Time
	last   time.Time
	drawn  bool
	active bool
}

// Unit says how the bar prints its numbers.
type Unit int

// The units.
const (
	Count Unit = iota // rows, businesses
	Bytes             // a file's size
)

// New returns a bar labelled label that draws on w when w is a terminal.
func New(w io.Writer, label string, unit Unit) *Bar {
	b := &Bar{w: w, label: label, unit: unit, start: time.Now()}
	f, ok := w.(*os.File)
	if !ok || !term.IsTerminal(int(f.Fd())) {
		return b
	}
	b.active = true
	b.width = 80
	if cols, _, err := term.GetSize(int(f.Fd())); err == nil && cols > 20 {
		b.width = cols
	}
	return b
}

// Active tells whether the bar draws anything.
func (b *Bar) Active() bool { return b != nil && b.active }

// Set shows that done of total are done (total 0 or less: unknown). It
// redraws at most ten times a second.
func (b *Bar) Set(done, total int64) {
	if !b.Active() {
		return
	}
	b.mu.Lock()
	defer b.mu.Unlock()
	now := time.Now()
	if b.drawn && now.Sub(b.last) < 100*time.Millisecond && (total <= 0 || done < total) {
		return
	}
	b.last = now
	b.drawn = true
	fmt.Fprint(b.w, "\r"+Line(b.label, done, total, b.unit, now.Sub(b.start), b.width-1))
}

// Done ends the bar's line, so that what is printed next starts on a line
// of its own.
func (b *Bar) Done() {
	if !b.Active() {
		return
	}
	b.mu.Lock()
	defer b.mu.Unlock()
	if b.drawn {
		fmt.Fprint(b.w, "\n")
		b.drawn = false
	}
}

// Line is the text of a bar width characters wide: the label, a bar of
// '#' and '.', the percentage, the numbers and the time spent.
func Line(label string, done, total int64, unit Unit, spent time.Duration, width int) string {
	nums := amount(done, unit)
	pct := ""
	frac := 0.0
	if total > 0 {
		frac = min(float64(done)/float64(total), 1)
		nums += "/" + amount(total, unit)
		pct = fmt.Sprintf(" %3.0f%%", frac*100)
	}
	tail := fmt.Sprintf("%s %s %s", pct, nums, spent.Round(time.Second))
	room := width - len(label) - len(tail) - 3
	if room < 10 || total <= 0 {
		return label + tail
	}
	fill := int(frac * float64(room))
	return label + " [" + strings.Repeat("#", fill) + strings.Repeat(".", room-fill) + "]" + tail
}

// amount prints n in unit.
func amount(n int64, unit Unit) string {
	if unit == Bytes {
		switch {
		case n >= 1<<30:
			return fmt.Sprintf("%.1f GiB", float64(n)/(1<<30))
		case n >= 1<<20:
			return fmt.Sprintf("%.1f MiB", float64(n)/(1<<20))
		default:
			return fmt.Sprintf("%d KiB", n>>10)
		}
	}
	return fmt.Sprint(n)
}
