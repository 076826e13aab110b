package main

import (
	"bina/indicator"
	"fmt"
	"io"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"
)

// recordUnits are the units of the indicators that count records (the
// others sum workers, members or rupiah, or are shares and days): the
// list behind such a figure shows exactly that many records.
var recordUnits = map[string]bool{"unit usaha": true, "unit koperasi": true, "sertifikat": true, "program": true}

// listCount reads the number of records a list page says it shows.
var listCount = regexp.MustCompile(`<p class="count" role="status"><strong>([\d.]+)</strong>`)

// TestFiguresMatchTheirLists follows every figure of the demo, as the
// dashboards and the API give it, to the list of records its link names:
// for 2025 and this year, every indicator whole and by every breakdown it
// allows, the list of an indicator that counts records holds exactly as
// many, and the list of a share or a sum holds records whenever the figure
// is not zero. "Where does 3,926 come from" has its answer one click away.
func TestFiguresMatchTheirLists(t *testing.T) {
	db := filepath.Join(t.TempDir(), "bina.db")
	base, _ := startServe(t, "--db", db, "--demo")
	token := strings.TrimSpace(mustRunOut(t, "user", "token", "--db", db, "--name", "admin"))
	jar, _ := cookiejar.New(nil)
	pages := &http.Client{Jar: jar}
	res, err := pages.PostForm(base+"/masuk", url.Values{"name": {"admin"}, "password": {demoPassword}})
	if err != nil || res.StatusCode != http.StatusOK {
		t.Fatalf("sign in: %v %v", res, err)
	}
	res.Body.Close()

	seen := map[string]int{} // list address: records shown
	check := func(what string, v indicator.Value, counted bool) {
		t.Helper()
		if v.URL == "" {
			t.Errorf("%s: no list", what)
			return
		}
		n, ok := seen[v.URL]
		if !ok {
			res, err := pages.Get(base + v.URL)
			if err != nil {
				t.Fatal(err)
			}
			b, err := io.ReadAll(res.Body)
			res.Body.Close()
			if err != nil {
				t.Fatal(err)
			}
			body := string(b)
			if res.StatusCode != http.StatusOK {
				t.Errorf("%s: %s = %d", what, v.URL, res.StatusCode)
				return
			}
			m := listCount.FindStringSubmatch(body)
			switch {
			case m != nil:
				n, _ = strconv.Atoi(strings.ReplaceAll(m[1], ".", ""))
			case counted:
				t.Errorf("%s: %s shows no count of records", what, v.URL)
				return
			default:
				// A list of another kind of record than the figure's
				// unit (the imports behind the days since the last one).
				n = -1
			}
			seen[v.URL] = n
		}
		if n < 0 {
			return
		}
		switch {
		case counted && float64(n) != v.Value:
			t.Errorf("%s = %v, but its list %s shows %d", what, v.Value, v.URL, n)
		case !counted && v.Value != 0 && n == 0:
			t.Errorf("%s = %v, but its list %s is empty", what, v.Value, v.URL)
		}
	}
	figures := 0
	for _, year := range []int{2025, time.Now().Year()} {
		var all struct{ Items []indicator.Value }
		apiGet(t, fmt.Sprintf("%s/api/v1/indicators?year=%d", base, year), token, &all)
		for _, v := range all.Items {
			ind, ok := indicator.ByCode(v.Code)
			if !ok {
				t.Fatalf("unknown indicator %s", v.Code)
			}
			counted := recordUnits[ind.Unit.ID] && ind.Measure == indicator.MeasureCount
			check(fmt.Sprintf("%s %d", v.Code, year), v, counted)
			figures++
			if year != 2025 {
				continue
			}
			for _, by := range ind.Breakdowns {
				var part struct{ Items []indicator.Value }
				apiGet(t, fmt.Sprintf("%s/api/v1/indicators/%s?year=%d&by=%s", base, v.Code, year, by), token, &part)
				for _, p := range part.Items {
					check(fmt.Sprintf("%s %d by %s %q", v.Code, year, by, p.Key), p, counted)
					figures++
				}
			}
		}
	}
	t.Logf("%d figures followed to %d lists", figures, len(seen))
}

// mustRunOut runs the command line and returns what it printed.
func mustRunOut(t *testing.T, args ...string) string {
	t.Helper()
	var out, errb strings.Builder
	if err := run(t.Context(), args, env(nil), strings.NewReader(""), &out, &errb); err != nil {
		t.Fatalf("bina %s: %v %s", strings.Join(args, " "), err, errb.String())
	}
	return out.String()
}
