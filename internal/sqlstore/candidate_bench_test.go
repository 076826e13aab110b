package sqlstore_test

import (
	"context"
	"fmt"
	"testing"

	"bina"
	"bina/coaching"
	"bina/internal/sqlstore"
	"bina/internal/sqlstore/sqlstoretest"
)

// benchProgrammes are the past programmes of the seeded register: six
// years, each with five sixths of the 60% of businesses the office ever
// reached, so that a register of n businesses holds 3n participations and
// 40% of it was never reached.
var benchProgrammes = []string{"2019-05-01", "2020-05-01", "2021-05-01", "2022-05-01", "2023-05-01", "2024-05-01"}

// seedParticipations adds the past programmes and their participants to
// the seeded register once, and keeps the reach columns as the store
// would.
func seedParticipations(b *testing.B, s *sqlstore.Store, engine string) {
	b.Helper()
	db := sqlstore.WriteDB(s)
	var n int
	if err := db.QueryRow(`SELECT count(*) FROM programmes WHERE name LIKE 'Bench %'`).Scan(&n); err != nil {
		b.Fatal(err)
	}
	if n > 0 {
		return
	}
	exec := func(q string) {
		b.Helper()
		if _, err := db.Exec(q); err != nil {
			b.Fatalf("%v\n%s", err, q)
		}
	}
	for p, day := range benchProgrammes {
		// The dates are constants of this file, written into the SQL so
		// that each engine reads them as its date type.
		exec(fmt.Sprintf(`INSERT INTO programmes (id, name, year, kind, starts_on, ends_on, created_at, updated_at)
VALUES (%d, 'Bench %d', %s, 'pelatihan', '%s', '%s', CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)`, 900001+p, p, day[:4], day, day))
		exec(fmt.Sprintf(`INSERT INTO programme_participants (programme_id, enterprise_id, state, reached_on, source, created_at, updated_at)
SELECT %d, id, 'completed', '%s', 'candidate', CURRENT_TIMESTAMP, CURRENT_TIMESTAMP FROM enterprises WHERE id %% 5 < 3 AND (id + %d) %% 6 <> 0`, 900001+p, day, p))
	}
	exec(`UPDATE programme_participants SET state = 'absent', reached_on = NULL WHERE (enterprise_id + programme_id) % 4 = 0`)
	exec(`UPDATE enterprises SET
	reached_first = (SELECT min(reached_on) FROM programme_participants pp WHERE pp.enterprise_id = enterprises.id AND pp.state = 'completed'),
	reached_last = (SELECT max(reached_on) FROM programme_participants pp WHERE pp.enterprise_id = enterprises.id AND pp.state = 'completed')`)
	if engine == "postgres" {
		exec(`VACUUM ANALYZE enterprises`)
		exec(`VACUUM ANALYZE programme_participants`)
	} else {
		exec(`ANALYZE`)
	}
}

// BenchmarkCandidates reads the first page of three-criterion candidate
// lists of a programme on the seeded register (BINA_BENCH_SCALE
// businesses, three participations each). The target: under 200 ms p95 at
// a million businesses.
func BenchmarkCandidates(b *testing.B) {
	for _, engine := range sqlstoretest.Engines() {
		b.Run(engine, func(b *testing.B) {
			s := benchStore(b, engine)
			seedParticipations(b, s, engine)
			ctx := context.Background()
			g := coaching.Programme{Name: "Pelatihan kandidat", Kind: "pelatihan", StartsOn: bina.DateOf(2026, 12, 1)}
			must(b, s.CreateProgramme(ctx, &g))
			districts := sqlstoretest.Reference(b, bina.DefaultConfig()).Regions.Districts()
			sections := []string{"C", "G", "A", "I"}
			shapes := map[string]func(i int) coaching.CandidateCriteria{
				"district-size-never": func(i int) coaching.CandidateCriteria {
					return coaching.CandidateCriteria{Region: districts[i%len(districts)].Code, Sizes: []string{"mikro"}, NeverReached: true}
				},
				"district-section-since": func(i int) coaching.CandidateCriteria {
					return coaching.CandidateCriteria{Region: districts[i%len(districts)].Code, KBLISections: []string{sections[i%len(sections)]}, NotReachedSince: 2023}
				},
				"size-digital-gender": func(i int) coaching.CandidateCriteria {
					return coaching.CandidateCriteria{Sizes: []string{"mikro", "kecil"}, DigitalBelow: 2, Gender: []string{"P", "L"}[i%2]}
				},
			}
			for name, shape := range shapes {
				b.Run(name, func(b *testing.B) {
					measure(b, func(i int) error {
						_, err := s.Candidates(ctx, coaching.CandidateFilter{Programme: g.ID, Criteria: shape(i)})
						return err
					})
				})
			}
		})
	}
}
