package export

import (
	"iter"

	"bina"
)

// Pages yields every item of a paged list, page after page: first is the
// list's first page (read by the caller, so that a bad filter is answered
// before anything is written) and next reads the page at a cursor. While
// the caller works through one page, the next is read in the background:
// an export spends about as long writing rows as reading them, and the two
// then overlap. At most two pages are held at a time, and no read outlives
// the sequence: stopping early waits for the read in flight. next is
// called by one goroutine at a time. The error, if any, comes with a nil
// item and ends the sequence.
func Pages[T any](first bina.Page[T], next func(cursor string) (bina.Page[T], error)) iter.Seq2[*T, error] {
	type result struct {
		page bina.Page[T]
		err  error
	}
	return func(yield func(*T, error) bool) {
		page := first
		for {
			var ahead chan result
			if page.Next != "" {
				ahead = make(chan result, 1)
				go func(cursor string) {
					p, err := next(cursor)
					ahead <- result{p, err}
				}(page.Next)
			}
			for i := range page.Items {
				if !yield(&page.Items[i], nil) {
					if ahead != nil {
						<-ahead
					}
					return
				}
			}
			if ahead == nil {
				return
			}
			r := <-ahead
			if r.err != nil {
				yield(nil, r.err)
				return
			}
			page = r.page
		}
	}
}
