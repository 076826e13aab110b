// Package refdata embeds the reference tables Bina ships with (Kemendagri
// region codes, the BPS bridge, KBLI 2020) and turns them into bina types.
// See NOTICE.md for sources and licences (the region tables are ODbL).
package refdata

import (
	"embed"
	"encoding/csv"
	"fmt"
	"io"
	"strings"

	"bina"
)

//go:embed *.csv bps/*.csv
var files embed.FS

// Regions reads the Kemendagri tree and returns the part of it the
// deployment rooted at root serves.
func Regions(root bina.RegionCode) (*bina.RegionTree, error) {
	var all []bina.Region
	for _, name := range []string{"provinces.csv", "regencies.csv", "districts.csv", "villages.csv"} {
		level := bina.RegionLevel(0)
		err := readCSV(name, func(rec []string) error {
			c := bina.RegionCode(rec[0])
			if level == 0 {
				level = c.Level()
			}
			// The villages table is large: keep only what the tree will keep.
			if !root.Contains(c) && !c.Contains(root) {
				return nil
			}
			all = append(all, bina.Region{Code: c, Name: rec[len(rec)-1]})
			return nil
		})
		if err != nil {
			return nil, err
		}
	}
	t := bina.NewRegionTree(root, all)
	if root != "" {
		if _, ok := t.Get(root); !ok {
			return nil, bina.Errorf(bina.Invalid, "kode wilayah %s tidak dikenal", "unknown region code %s", root)
		}
	}
	return t, nil
}

// KBLI returns the KBLI 2020 catalogue.
func KBLI() (*bina.KBLICatalog, error) {
	var entries []bina.KBLIEntry
	err := readCSV("kbli2020_kelompok.csv", func(rec []string) error {
		if len(rec) < 6 {
			return fmt.Errorf("short KBLI row %v", rec)
		}
		entries = append(entries, bina.KBLIEntry{Code: rec[0], Section: rec[1], Title: rec[5]})
		return nil
	})
	if err != nil {
		return nil, err
	}
	return bina.NewKBLICatalog(bina.KBLI2020, entries), nil
}

// BPSBridge maps a BPS code (2, 4 or 7 digits) to its Kemendagri code in
// dotted form, for provinces, regencies and districts.
func BPSBridge() (map[string]bina.RegionCode, error) {
	m := map[string]bina.RegionCode{}
	for _, name := range []string{"bps/provinsi.csv", "bps/kabkota.csv", "bps/kecamatan.csv"} {
		err := readCSV(name, func(rec []string) error {
			m[rec[0]] = dotted(rec[2])
			return nil
		})
		if err != nil {
			return nil, err
		}
	}
	return m, nil
}

// dotted turns "611205" into "61.12.05".
func dotted(s string) bina.RegionCode {
	var parts []string
	for i := 0; i < len(s) && i < 6; i += 2 {
		parts = append(parts, s[i:min(i+2, len(s))])
	}
	if len(s) > 6 {
		parts = append(parts, s[6:])
	}
	return bina.RegionCode(strings.Join(parts, "."))
}

// Reference loads everything a deployment rooted at cfg.Region needs.
func Reference(cfg bina.Config) (bina.Reference, error) {
	t, err := Regions(cfg.Region)
	if err != nil {
		return bina.Reference{}, err
	}
	k, err := KBLI()
	if err != nil {
		return bina.Reference{}, err
	}
	return bina.Reference{Regions: t, KBLI: k, Config: cfg}, nil
}

func readCSV(name string, fn func([]string) error) error {
	f, err := files.Open(name)
	if err != nil {
		return err
	}
	defer f.Close()
	r := csv.NewReader(f)
	r.ReuseRecord = true
	if _, err := r.Read(); err != nil { // header
		return fmt.Errorf("%s: %w", name, err)
	}
	for {
		rec, err := r.Read()
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return fmt.Errorf("%s: %w", name, err)
		}
		if err := fn(rec); err != nil {
			return err
		}
	}
}
