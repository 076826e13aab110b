package sqlstore_test

import (
	"bina/imports"
	"bina/internal/importer"

	"context"
	"database/sql"
	"fmt"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/stdlib"

	"bina"
	"bina/internal/fileformat"
	"bina/internal/sqlstore"
	"bina/internal/sqlstore/sqlstoretest"
)

// BenchmarkImportWriter measures the import's writer without the file:
// rows already read, converted, checked and prepared (as the assembler
// hands them over) go through WriteImportChunk into an empty register, a first load,
// in chunks of 2,500 rows committed every 100,000 as an import does. Its
// rows/s is the most an import can reach whatever the speed of reading
// and conversion, since the writer is one goroutine and one connection.
//
// Beside it, two floors measured on the same database with nothing of
// Bina's in the way:
//   - table: the values of the enterprises rows alone (44 columns) written
//     into a table like enterprises without any index, by multi-row INSERT
//     statements on SQLite and by COPY on PostgreSQL;
//   - narrow: rows of three columns, the "raw insert" of a quick test.
//
// A record of the register is about seven rows (owner, enterprise, search,
// sales, history, import key, and an extra KBLI code for some), so the
// writer cannot be faster than a seventh of the narrow floor.
//
//	BINA_BENCH_WRITER_ROWS=1000000 go test ./internal/sqlstore -run '^$' -bench ImportWriter -benchtime 1x
func BenchmarkImportWriter(b *testing.B) {
	n := benchEnv(b, "BINA_BENCH_WRITER_ROWS", 200_000)
	ref := sqlstoretest.Reference(b, bina.DefaultConfig())
	for _, engine := range sqlstoretest.Engines() {
		b.Run(engine+"/register", func(b *testing.B) {
			var took time.Duration
			for range b.N {
				b.StopTimer()
				rows := writerRows(ref, n)
				s := sqlstoretest.Open(b, engine)
				s.SetBulkImportRows(1) // a first load whatever the size
				ctx := as(bina.RoleAdmin, "")
				header := []string{"Nama Usaha", "Nama Pemilik", "Kecamatan", "Desa/Kelurahan"}
				j := &imports.Job{Entity: bina.EntityEnterprise, FileName: "umkm.csv", Header: header,
					Mapping: fileformat.SuggestMapping(header, bina.EntityEnterprise)}
				must(b, s.CreateImport(ctx, j, strings.NewReader(strings.Join(header, ";")+"\n")))
				_, err := s.ClaimImport(ctx, j.ID, "bench")
				must(b, err)
				b.StartTimer()
				const chunk, commit = 2500, 100_000
				for start := 0; start < n; start += chunk {
					end := min(start+chunk, n)
					c := &imports.Chunk{Rows: rows[start:end], Done: end, Total: n, Fields: []string{"name"},
						Commit: end == n || end%commit == 0}
					// Prepared as the importer has it prepared, beside the
					// writer: not timed.
					s.PrepareImportChunk(c)
					t0 := time.Now()
					if _, err := s.WriteImportChunk(ctx, j.ID, "bench", c); err != nil {
						b.Fatal(err)
					}
					took += time.Since(t0)
				}
				t0 := time.Now()
				must(b, s.FinishImport(ctx, j.ID, "bench", imports.ImportDone, bina.Text{}, n))
				took += time.Since(t0)
			}
			b.ReportMetric(float64(n*b.N)/took.Seconds(), "rows/s")
		})
		b.Run(engine+"/table", func(b *testing.B) {
			ents := genEnterprises(ref, 11, 0, n)
			vals := func(i int, dst []any) []any {
				e := &ents[i]
				return append(dst, int64(i+1), e.Name, strings.ToLower(e.Name), e.Name, e.TradeName, e.NIB, "perorangan", "2020", e.KBLI[0].Code, "C",
					e.MainProduct, e.Address, string(e.VillageCode), string(e.VillageCode)[:8], nil, nil, e.StartYear, e.StartMonth,
					e.Capital, e.Assets, e.WorkersPaidMale, e.WorkersPaidFemale, e.WorkersUnpaidMale, e.WorkersUnpaidFemale,
					"", "mikro", "modal", 5, "", e.Status, e.Binaan, nil,
					e.Verification, e.Source, "", "", sqlstoretest.Now, sqlstoretest.Now, 1, nil, "", 17)
			}
			const cols = "owner_id, name, sort_name, name_key, trade_name, nib, legal_form, kbli_version, kbli_code, kbli_section, main_product, address, village_code, district_code, latitude, longitude, start_year, start_month, capital, assets, workers_paid_male, workers_paid_female, workers_unpaid_male, workers_unpaid_female, size_reported, size_computed, size_rule, digital, digital_links, status, binaan, binaan_since, verification, source, source_id, notes, created_at, updated_at, version, archived_at, archive_reason, facets"
			floorBench(b, engine, n, `CREATE TABLE floor AS SELECT `+cols+` FROM enterprises WHERE 1 = 0`, cols, vals)
		})
		b.Run(engine+"/narrow", func(b *testing.B) {
			floorBench(b, engine, n, `CREATE TABLE floor (a BIGINT, b TEXT, c BIGINT)`, "a, b, c", func(i int, dst []any) []any {
				return append(dst, int64(i), "nama usaha "+strconv.Itoa(i), int64(i%1000))
			})
		})
	}
}

// floorBench writes n rows of cols into the table "floor" that create
// makes in a fresh migrated database, with no index, in one transaction
// per 100,000 rows.
func floorBench(b *testing.B, engine string, n int, create, cols string, row func(i int, dst []any) []any) {
	names := strings.Split(cols, ", ")
	var took time.Duration
	for range b.N {
		b.StopTimer()
		ctx := context.Background()
		dsn := sqlstoretest.DSN(b, engine)
		s, err := sqlstore.Open(ctx, dsn, sqlstoretest.Reference(b, bina.DefaultConfig()), sqlstoretest.Hasher{}, nil)
		must(b, err)
		must(b, s.Migrate(ctx)) // enterprises is there to copy the columns of
		s.Close()
		db := rawDB(b, engine, dsn)
		_, err = db.ExecContext(ctx, create)
		must(b, err)
		conn, err := db.Conn(ctx)
		must(b, err)
		b.StartTimer()
		t0 := time.Now()
		for start := 0; start < n; start += 100_000 {
			end := min(start+100_000, n)
			if engine == "postgres" {
				must(b, copyFloor(ctx, conn, names, start, end, row))
			} else {
				must(b, insertFloor(ctx, conn, names, start, end, row))
			}
		}
		took += time.Since(t0)
		b.StopTimer()
		conn.Close()
	}
	b.ReportMetric(float64(n*b.N)/took.Seconds(), "rows/s")
}

// insertFloor writes rows start..end in one transaction with prepared
// multi-row INSERTs of as many rows as SQLite's parameter limit allows.
func insertFloor(ctx context.Context, conn *sql.Conn, cols []string, start, end int, row func(i int, dst []any) []any) error {
	tx, err := conn.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	per := min(32766/len(cols), 1000)
	one := "(" + strings.TrimSuffix(strings.Repeat("?, ", len(cols)), ", ") + ")"
	stmts := map[int]*sql.Stmt{}
	args := make([]any, 0, per*len(cols))
	for i := start; i < end; i += per {
		k := min(per, end-i)
		st := stmts[k]
		if st == nil {
			q := "INSERT INTO floor (" + strings.Join(cols, ", ") + ") VALUES " + strings.TrimSuffix(strings.Repeat(one+", ", k), ", ")
			if st, err = tx.PrepareContext(ctx, q); err != nil {
				return err
			}
			stmts[k] = st
		}
		args = args[:0]
		for r := i; r < i+k; r++ {
			args = row(r, args)
		}
		if _, err := st.ExecContext(ctx, args...); err != nil {
			return fmt.Errorf("insert: %w", err)
		}
	}
	return tx.Commit()
}

// copyFloor writes rows start..end in one transaction with pgx's COPY
// (binary format).
func copyFloor(ctx context.Context, conn *sql.Conn, cols []string, start, end int, row func(i int, dst []any) []any) error {
	return conn.Raw(func(dc any) error {
		c := dc.(*stdlib.Conn).Conn()
		tx, err := c.Begin(ctx)
		if err != nil {
			return err
		}
		defer tx.Rollback(ctx)
		i := start
		var vals []any
		src := pgx.CopyFromFunc(func() ([]any, error) {
			if i == end {
				return nil, nil
			}
			vals = row(i, vals[:0])
			i++
			return vals, nil
		})
		if _, err := tx.CopyFrom(ctx, pgx.Identifier{"floor"}, cols, src); err != nil {
			return err
		}
		return tx.Commit(ctx)
	})
}

// writerRows returns n converted rows of distinct new records, as the
// assembler hands them to the store.
func writerRows(ref bina.Reference, n int) []imports.Row {
	ents := genEnterprises(ref, 11, 0, n)
	rows := make([]imports.Row, n)
	idx := importer.NewFileIndex(n)
	for i := range ents {
		e := &ents[i]
		e.Source = "sidt"
		e.Normalize()
		k := imports.EnterpriseKeys(e)
		rows[i] = imports.Row{Line: i + 2, Outcome: imports.OutcomeCreated, Enterprise: e, Keys: k,
			Key: "k" + strconv.Itoa(i), Hash: importer.ContentHash(e), Near: idx.Near(k)}
	}
	return rows
}
