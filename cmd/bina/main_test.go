package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"
)

// env returns a getenv function over m.
func env(m map[string]string) func(string) string {
	return func(k string) string { return m[k] }
}

// syncBuffer is a bytes.Buffer safe for a server goroutine writing while
// the test reads.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// startServe runs `bina serve` through run() on a free port and returns its
// base URL; the server stops when the test ends.
func startServe(t *testing.T, args ...string) (string, *syncBuffer) {
	t.Helper()
	s := serveUntil(t, args...)
	return s.base, s.out
}

// served is a `bina serve` running in a test.
type served struct {
	base        string
	out, stderr *syncBuffer
	// stop ends the server as SIGTERM does (main's signal context ends)
	// and returns what run returned; the test's end calls it too.
	stop func() error
}

// serveUntil runs `bina serve` until stop or the test's end.
func serveUntil(t *testing.T, args ...string) *served {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	pr, pw := io.Pipe()
	stderr := &syncBuffer{}
	done := make(chan error, 1)
	go func() {
		done <- run(ctx, append([]string{"serve", "--addr", "127.0.0.1:0"}, args...), env(nil), strings.NewReader(""), pw, stderr)
		pw.Close()
	}()
	var once sync.Once
	var runErr error
	stop := func() error {
		once.Do(func() {
			cancel()
			select {
			case runErr = <-done:
			case <-time.After(30 * time.Second):
				runErr = errors.New("serve did not stop")
			}
		})
		return runErr
	}
	t.Cleanup(func() {
		if err := stop(); err != nil {
			t.Errorf("serve returned %v", err)
		}
	})
	out := &syncBuffer{}
	urlRe := regexp.MustCompile(`http://[0-9.:]+`)
	sc := bufio.NewScanner(pr)
	for sc.Scan() {
		out.Write(append(sc.Bytes(), '\n'))
		if m := urlRe.FindString(sc.Text()); m != "" && strings.Contains(sc.Text(), "berjalan") {
			go io.Copy(out, pr)
			return &served{base: m, out: out, stderr: stderr, stop: stop}
		}
	}
	t.Fatalf("serve printed no URL; stdout %q stderr %q", out.String(), stderr.String())
	return nil
}

func TestServeDemoEndToEnd(t *testing.T) {
	db := filepath.Join(t.TempDir(), "bina.db")
	base, out := startServe(t, "--db", db, "--demo")
	for i := 0; !strings.Contains(out.String(), "admin / "+demoPassword); i++ {
		if i == 100 {
			t.Fatalf("login not printed: %q", out.String())
		}
		time.Sleep(20 * time.Millisecond)
	}
	resp, err := http.Get(base + "/healthz")
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != 200 {
		t.Fatalf("healthz = %d", resp.StatusCode)
	}
	// Sign in as the printed user and see the demo register.
	jar, _ := cookiejar.New(nil)
	c := &http.Client{Jar: jar}
	resp, err = c.PostForm(base+"/masuk", url.Values{"name": {"admin"}, "password": {demoPassword}})
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != 200 || !strings.Contains(string(body), "Sungai Raya") {
		t.Fatalf("home after login = %d, body %.300q", resp.StatusCode, body)
	}
	resp, err = c.Get(base + "/api/v1/enterprises?binaan=ya&limit=1")
	if err != nil {
		t.Fatal(err)
	}
	var page struct{ Total int }
	err = json.NewDecoder(resp.Body).Decode(&page)
	resp.Body.Close()
	if err != nil || page.Total != 3926 {
		t.Errorf("binaan total = %d (%v), want 3926", page.Total, err)
	}
}

func TestUserCommands(t *testing.T) {
	db := filepath.Join(t.TempDir(), "bina.db")
	ctx := context.Background()
	var out, errb bytes.Buffer
	if err := run(ctx, []string{"migrate", "--db", db}, env(nil), nil, &out, &errb); err != nil {
		t.Fatalf("migrate: %v %s", err, errb.String())
	}
	add := func(pw string, args ...string) error {
		out.Reset()
		errb.Reset()
		return run(ctx, append([]string{"user", "add", "--db", db}, args...), env(nil), strings.NewReader(pw+"\n"), &out, &errb)
	}
	if err := add("sandi-yang-panjang", "--name", "sri", "--role", "staff"); err != nil {
		t.Fatalf("user add: %v", err)
	}
	if err := add("pendek", "--name", "budi", "--role", "staff"); err == nil {
		t.Error("short password accepted")
	}
	if err := add("sandi-yang-panjang", "--name", "sri", "--role", "staff"); err == nil {
		t.Error("duplicate name accepted")
	}
	if err := add("sandi-yang-panjang", "--name", "joko", "--role", "officer", "--region", "61.71.01"); err == nil {
		t.Error("officer outside the region accepted")
	}
	out.Reset()
	// BINA_DB is the fallback of --db.
	if err := run(ctx, []string{"user", "token", "--name", "sri"}, env(map[string]string{"BINA_DB": db}), nil, &out, &errb); err != nil {
		t.Fatalf("user token: %v", err)
	}
	if tok := strings.TrimSpace(out.String()); !strings.HasPrefix(tok, "bina_") {
		t.Errorf("token = %q", tok)
	}
	if err := run(ctx, []string{"frobnicate"}, env(nil), nil, &out, &errb); err == nil {
		t.Error("unknown command accepted")
	}
}
