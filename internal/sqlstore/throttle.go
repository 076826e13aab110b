package sqlstore

import (
	"context"
	"database/sql"
	"runtime"
	"sync"
	"sync/atomic"
	"time"

	"bina"
)

// A sign-in is throttled on three counters, each one row of
// login_throttle that a write transaction locks before it reads it (FOR
// UPDATE on PostgreSQL; SQLite's write transactions exclude each other),
// so that concurrent attempts cannot all pass a check made before any of
// them is counted:
//   - pair: a name from one address. Guessing one account from one place
//     slows down fast.
//   - user: a name from any address, slower, with a short cap. Guessing
//     from many addresses slows down, but only for addresses that have not
//     signed in to that account before (see trustFor), so that an attacker
//     cannot keep its owner out.
//   - addr: an address whatever the name, for spraying many names.
//
// An attempt is counted as a failure when it is let through, before the
// password is checked, and refused without checking while its delay runs;
// a success then clears its pair. Delays grow; none is permanent.
type throttleRule struct {
	free int           // failures before any delay
	step int           // failures per doubling of the delay
	base time.Duration // the first delay
	max  time.Duration
}

var throttleRules = map[string]throttleRule{
	"addr": {free: 20, step: 2, base: time.Second, max: 15 * time.Minute},
	"pair": {free: 5, step: 1, base: time.Second, max: 15 * time.Minute},
	"user": {free: 10, step: 5, base: time.Second, max: 2 * time.Minute},
}

// delay is how long to wait after fails failures.
func (r throttleRule) delay(fails int) time.Duration {
	if fails < r.free {
		return 0
	}
	return min(r.base<<min((fails-r.free)/r.step, 20), r.max)
}

const (
	// throttleForget is how long a counter keeps its failures without a
	// new one.
	throttleForget = 24 * time.Hour
	// trustFor is how long a success from an address exempts that name
	// and address from the user and addr delays.
	trustFor = 90 * 24 * time.Hour
	// throttleSweep is how often counters past use are deleted.
	throttleSweep = 10 * time.Minute
)

// signInGate bounds what sign-ins may take from the server at once: a few
// throttle transactions, so that a flood of them never fills the
// connection pool (PostgreSQL) or the queue for the one writer (SQLite)
// ahead of other requests, and a few password hashes (argon2id takes 19
// MiB and a core each), leaving a core for everything else.
//
// A flood naming accounts that do not exist, each from another address,
// binds no counter, and every attempt costs a hash. So that it cannot keep
// everyone out: at most MaxHashQueue attempts wait for a hash, the rest
// are refused at once, and a name signing in from an address it used
// before also has a place of its own (trusted).
type signInGate struct {
	once     sync.Once
	db, hash chan struct{}
	peek     chan struct{}
	// peekTrusted is a place kept for the pairs in known: names that
	// signed in from an address through this process, so that their
	// owners do not queue behind a flood before the database can say that
	// the pair is trusted. known only picks the queue; the counters decide.
	peekTrusted chan struct{}
	known       sync.Map // name + "\x00" + address
	nKnown      atomic.Int64
	dbTrusted   chan struct{} // a claim place kept for trusted pairs
	trusted     chan struct{} // a hash place kept for trusted pairs
	waiting     atomic.Int64
	mu          sync.Mutex
	lastSweep   time.Time
}

// maxKnown bounds signInGate.known.
const maxKnown = 100_000

// MaxHashQueue is how many sign-ins may wait for a password check.
const MaxHashQueue = 64

func (g *signInGate) init() {
	g.once.Do(func() {
		g.db = make(chan struct{}, 2)
		g.peek = make(chan struct{}, 2)
		g.peekTrusted = make(chan struct{}, 1)
		g.dbTrusted = make(chan struct{}, 1)
		g.hash = make(chan struct{}, max(1, runtime.NumCPU()-1))
		g.trusted = make(chan struct{}, 1)
	})
}

// gated runs fn holding a place of sem.
func gated(ctx context.Context, sem chan struct{}, fn func() error) error {
	return gated2(ctx, sem, nil, fn)
}

// gated2 runs fn holding a place of sem or of other, whichever is free
// first (a nil other is never).
func gated2(ctx context.Context, sem, other chan struct{}, fn func() error) error {
	var held chan struct{}
	select {
	case sem <- struct{}{}:
		held = sem
	case other <- struct{}{}:
		held = other
	case <-ctx.Done():
		return bina.Wrap(ctx.Err(), "wait for sign-in")
	}
	defer func() { <-held }()
	return fn()
}

// verifyPassword checks a password with at most a few hashes at once;
// trusted (a name from an address it signed in from before) may also take
// the place kept for such sign-ins. Errors: TooMany (too many waiting).
func (s *Store) verifyPassword(ctx context.Context, hash, password string, trusted bool) (bool, error) {
	g := &s.signIn
	g.init()
	if n := g.waiting.Add(1); n > MaxHashQueue && !trusted {
		g.waiting.Add(-1)
		return false, errBusy()
	}
	var slot chan struct{}
	other := g.trusted
	if !trusted {
		other = nil // a nil channel is never ready
	}
	select {
	case g.hash <- struct{}{}:
		slot = g.hash
	case other <- struct{}{}:
		slot = other
	case <-ctx.Done():
		g.waiting.Add(-1)
		return false, bina.Wrap(ctx.Err(), "wait for sign-in")
	}
	g.waiting.Add(-1)
	defer func() { <-slot }()
	return s.hasher.Verify(hash, password), nil
}

// errBusy refuses a sign-in while too many wait for a password check.
func errBusy() error {
	e := bina.Errorf(bina.TooMany, "Terlalu banyak percobaan masuk saat ini. Coba lagi sebentar lagi.", "Too many sign-in attempts at the moment. Try again shortly.")
	e.RetryAfter = 5 * time.Second
	return e
}

// hashPassword hashes a new password with at most a few hashes at once.
func (s *Store) hashPassword(ctx context.Context, password string) (string, error) {
	s.signIn.init()
	var h string
	err := gated(ctx, s.signIn.hash, func() error {
		var err error
		h, err = s.hasher.Hash(password)
		return bina.Wrap(err, "hash password")
	})
	return h, err
}

// throttleRow is one counter as read and as written back.
type throttleRow struct {
	kind, name, addr string
	fails            int
	next, updated    time.Time
	trusted          sql.NullTime
}

// throttleRows reads the three counters of a name ($1) from an address
// ($2), in one order (by kind): every sign-in locks them in that order, so
// that two cannot wait for each other.
const throttleRows = `SELECT kind, user_name, client_addr, fails, next_at, updated_at, trusted_at FROM login_throttle
WHERE (kind = 'addr' AND user_name = '' AND client_addr = $2) OR (kind = 'pair' AND user_name = $1 AND client_addr = $2) OR (kind = 'user' AND user_name = $1 AND client_addr = '')
ORDER BY kind`

func readThrottle(ctx context.Context, q querier, query, name, addr string) ([]throttleRow, error) {
	rows, err := q.QueryContext(ctx, query, name, addr)
	if err != nil {
		return nil, bina.Wrap(err, "read sign-in counters")
	}
	defer rows.Close()
	var rs []throttleRow
	for rows.Next() {
		var r throttleRow
		if err := rows.Scan(&r.kind, &r.name, &r.addr, &r.fails, &r.next, &r.updated, &r.trusted); err != nil {
			return nil, bina.Wrap(err, "read sign-in counters")
		}
		rs = append(rs, r)
	}
	return rs, bina.Wrap(rows.Err(), "read sign-in counters")
}

// decideAttempt returns how long an attempt must wait (0: it may go
// ahead) and whether its pair is trusted, which exempts it from the user
// and addr counters. Counters quiet for throttleForget start again at 0.
func decideAttempt(rs []throttleRow, now time.Time) (wait time.Duration, trusted bool) {
	for _, r := range rs {
		if r.kind == "pair" && r.trusted.Valid && now.Sub(r.trusted.Time) < trustFor {
			trusted = true
		}
	}
	for i := range rs {
		r := &rs[i]
		if now.Sub(r.updated) > throttleForget {
			r.fails = 0
		}
		if trusted && r.kind != "pair" {
			continue
		}
		if d := r.next.Sub(now); d > wait {
			wait = d
		}
	}
	return wait, trusted
}

// peekAttempt decides on an attempt from the counters as they are, without
// locking or writing them: during a flood most attempts are refused here
// with one read, and only those that may go ahead take the write
// transaction of claimAttempt, which decides again on locked rows.
func (s *Store) peekAttempt(ctx context.Context, name, addr string, now time.Time) (wait time.Duration, trusted bool, err error) {
	var reserved chan struct{}
	if _, ok := s.signIn.known.Load(name + "\x00" + addr); ok {
		reserved = s.signIn.peekTrusted
	}
	err = gated2(ctx, s.signIn.peek, reserved, func() error {
		return s.read(ctx, func(tx *sql.Tx) error {
			rs, err := readThrottle(ctx, tx, throttleRows, name, addr)
			wait, trusted = decideAttempt(rs, now)
			return err
		})
	})
	return wait, trusted, err
}

// claimAttempt counts an attempt of name from addr against its counters
// and returns how long to wait when it must be refused (0: go ahead), and
// whether the pair is trusted (its attempt counted on the pair only).
func (s *Store) claimAttempt(ctx context.Context, tx *sql.Tx, name, addr string, now time.Time) (wait time.Duration, trusted bool, err error) {
	if _, err := tx.ExecContext(ctx, `INSERT INTO login_throttle (kind, user_name, client_addr, fails, next_at, updated_at)
VALUES ('addr', '', $2, 0, $3, $3), ('pair', $1, $2, 0, $3, $3), ('user', $1, '', 0, $3, $3) ON CONFLICT DO NOTHING`, name, addr, now); err != nil {
		return 0, false, bina.Wrap(err, "add sign-in counters")
	}
	rs, err := readThrottle(ctx, tx, throttleRows+s.d.forUpdate, name, addr)
	if err != nil {
		return 0, false, err
	}
	if wait, trusted = decideAttempt(rs, now); wait > 0 {
		return wait, trusted, nil
	}
	for _, r := range rs {
		if trusted && r.kind != "pair" {
			continue
		}
		r.fails++
		_, err := tx.ExecContext(ctx, `UPDATE login_throttle SET fails = $1, next_at = $2, updated_at = $3 WHERE kind = $4 AND user_name = $5 AND client_addr = $6`,
			r.fails, now.Add(throttleRules[r.kind].delay(r.fails)), now, r.kind, r.name, r.addr)
		if err != nil {
			return 0, false, bina.Wrap(err, "count sign-in attempt")
		}
	}
	s.sweepThrottle(ctx, tx, now)
	return 0, trusted, nil
}

// claimGate returns the gate of the claim transactions: a trusted pair may
// also take the place kept for it, so that its owner does not queue
// behind a flood.
func (g *signInGate) claimGate(trusted bool) (chan struct{}, chan struct{}) {
	if trusted {
		return g.db, g.dbTrusted
	}
	return g.db, nil
}

// sweepThrottle deletes, now and then, counters that have nothing left to
// remember.
func (s *Store) sweepThrottle(ctx context.Context, tx *sql.Tx, now time.Time) {
	g := &s.signIn
	g.mu.Lock()
	due := now.Sub(g.lastSweep) >= throttleSweep
	if due {
		g.lastSweep = now
	}
	g.mu.Unlock()
	if !due {
		return
	}
	if _, err := tx.ExecContext(ctx, `DELETE FROM login_throttle WHERE updated_at < $1 AND next_at < $2 AND (trusted_at IS NULL OR trusted_at < $3)`,
		now.Add(-throttleForget), now, now.Add(-trustFor)); err != nil {
		s.log.Warn("sweep sign-in counters", "err", err)
	}
}

// trustPair clears the failures of name from addr after a success and
// remembers that this address signs in to this account. The name's and
// the address's counters lose the attempt counted on them (when the pair
// was not trusted yet), but keep their failures.
func (s *Store) trustPair(ctx context.Context, name, addr string, wasTrusted bool, now time.Time) error {
	g := &s.signIn
	if _, loaded := g.known.LoadOrStore(name+"\x00"+addr, struct{}{}); !loaded && g.nKnown.Add(1) > maxKnown {
		// Only successful sign-ins add pairs; forgetting them all now and
		// then bounds the memory and costs only a place in the queue.
		g.known.Clear()
		g.nKnown.Store(0)
	}
	return gated2(ctx, g.db, g.dbTrusted, func() error {
		return s.write(ctx, func(tx *sql.Tx) error {
			if !wasTrusted {
				_, err := tx.ExecContext(ctx, `UPDATE login_throttle SET fails = fails - 1
WHERE fails > 0 AND ((kind = 'addr' AND user_name = '' AND client_addr = $2) OR (kind = 'user' AND user_name = $1 AND client_addr = ''))`, name, addr)
				if err != nil {
					return bina.Wrap(err, "uncount sign-in")
				}
			}
			_, err := tx.ExecContext(ctx, `UPDATE login_throttle SET fails = 0, next_at = $1, updated_at = $1, trusted_at = $1 WHERE kind = 'pair' AND user_name = $2 AND client_addr = $3`, now, name, addr)
			return bina.Wrap(err, "trust sign-in address")
		})
	})
}

// errThrottled refuses a sign-in for wait.
func errThrottled(wait time.Duration) error {
	secs := int((wait + time.Second - 1) / time.Second)
	e := bina.Errorf(bina.TooMany, "Terlalu banyak percobaan masuk yang gagal. Coba lagi dalam %d detik, atau minta admin dinas membuka blokirnya.",
		"Too many failed sign-in attempts. Try again in %d seconds, or ask the office administrator to lift the delay.", secs)
	e.RetryAfter = wait
	return e
}

// Throttles lists the sign-in delays in force, longest first. Admins only.
func (s *Store) Throttles(ctx context.Context) ([]bina.Throttle, error) {
	if err := s.requireAdmin(ctx); err != nil {
		return nil, err
	}
	now := s.now()
	var out []bina.Throttle
	err := s.read(ctx, func(tx *sql.Tx) error {
		rows, err := tx.QueryContext(ctx, `SELECT user_name, client_addr, fails, next_at FROM login_throttle WHERE next_at > $1 ORDER BY next_at DESC, user_name, client_addr LIMIT 500`, now)
		if err != nil {
			return bina.Wrap(err, "list sign-in delays")
		}
		defer rows.Close()
		for rows.Next() {
			var t bina.Throttle
			if err := rows.Scan(&t.Name, &t.Address, &t.Fails, &t.Until); err != nil {
				return bina.Wrap(err, "list sign-in delays")
			}
			t.Until = t.Until.UTC()
			out = append(out, t)
		}
		return bina.Wrap(rows.Err(), "list sign-in delays")
	})
	return out, err
}

// ClearThrottles ends the delays and forgets the failures of a name (from
// every address) or of an address (for every name). Admins only.
func (s *Store) ClearThrottles(ctx context.Context, name, address string) error {
	if err := s.requireAdmin(ctx); err != nil {
		return err
	}
	if name != "" {
		name = normalName(name)
	}
	now := s.now()
	return s.write(ctx, func(tx *sql.Tx) error {
		_, err := tx.ExecContext(ctx, `UPDATE login_throttle SET fails = 0, next_at = $1, updated_at = $1
WHERE ($2 <> '' AND user_name = $2) OR ($3 <> '' AND client_addr = $3)`, now, name, address)
		return bina.Wrap(err, "clear sign-in delays")
	})
}
