package main

import (
	"bina/imports"
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"bina"
)

// getBody returns the status and body of GET u.
func getBody(t *testing.T, u string) (int, string) {
	t.Helper()
	resp, err := http.Get(u)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(b)
}

// TestServeStopsCleanly: on SIGTERM (main's signal context ending) a
// request in flight still gets its whole answer, then the job runner and
// the metrics listener stop and serve returns without error.
func TestServeStopsCleanly(t *testing.T) {
	db := filepath.Join(t.TempDir(), "bina.db")
	s := serveUntil(t, "--db", db, "--metrics-addr", "127.0.0.1:0")
	if code, body := getBody(t, s.base+"/readyz"); code != 200 {
		t.Fatalf("readyz = %d %q", code, body)
	}

	// The metrics address serves without signing in, with the job
	// queue's depth read from River's tables.
	var metricsURL string
	re := regexp.MustCompile(`Metrik di (http://\S+)`)
	for deadline := time.Now().Add(10 * time.Second); metricsURL == ""; time.Sleep(10 * time.Millisecond) {
		if m := re.FindStringSubmatch(s.out.String()); m != nil {
			metricsURL = m[1]
		} else if time.Now().After(deadline) {
			t.Fatalf("no metrics address printed: %q", s.out.String())
		}
	}
	getBody(t, s.base+"/masuk")
	code, body := getBody(t, metricsURL)
	for _, want := range []string{`go_sql_open_connections{db_name="write"}`, `bina_http_requests_total{code="200",method="GET",route="GET /masuk"} 1`} {
		if code != 200 || !strings.Contains(body, want) {
			t.Errorf("metrics address: %d, lacks %q", code, want)
		}
	}
	// The depth of the queue: the periodic jobs run on start, so some
	// may be waiting in the queue at this moment.
	if !regexp.MustCompile(`(?m)^bina_jobs\{state="available"\} \d+$`).MatchString(body) {
		t.Errorf("metrics address lacks the queue's available jobs:\n%s", body)
	}

	// A sign-in whose body is still on its way when the signal comes. The
	// server answers "100 Continue" when the handler starts reading the
	// body: from then on the request is in flight.
	host := strings.TrimPrefix(s.base, "http://")
	conn, err := net.Dial("tcp", host)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	form := url.Values{"name": {"tidak-ada"}, "password": {"sandi-yang-salah"}}.Encode()
	head := "POST /masuk HTTP/1.1\r\nHost: " + host + "\r\nContent-Type: application/x-www-form-urlencoded\r\nExpect: 100-continue\r\nConnection: close\r\nContent-Length: " + strconv.Itoa(len(form)) + "\r\n\r\n"
	if _, err := io.WriteString(conn, head); err != nil {
		t.Fatal(err)
	}
	rd := bufio.NewReader(conn)
	if line, err := rd.ReadString('\n'); err != nil || !strings.Contains(line, "100 Continue") {
		t.Fatalf("no 100 Continue: %q %v", line, err)
	}
	rd.ReadString('\n') // the empty line after it
	stopped := make(chan error, 1)
	go func() { stopped <- s.stop() }()
	// The listener closes when the shutdown begins.
	for deadline := time.Now().Add(10 * time.Second); ; time.Sleep(10 * time.Millisecond) {
		c, err := net.Dial("tcp", host)
		if err != nil {
			break
		}
		c.Close()
		if time.Now().After(deadline) {
			t.Fatal("the server still takes connections after the signal")
		}
	}
	if _, err := io.WriteString(conn, form); err != nil {
		t.Fatalf("the request in flight was cut: %v", err)
	}

	resp, err := http.ReadResponse(rd, nil)
	if err != nil {
		t.Fatalf("no answer to the request in flight: %v\n%s", err, s.stderr.String())
	}
	page, err := io.ReadAll(resp.Body)
	resp.Body.Close()
	if err != nil || resp.StatusCode >= 500 || !strings.Contains(string(page), "</html>") {
		t.Errorf("request in flight: %d, %d bytes (%v), want a whole page", resp.StatusCode, len(page), err)
	}
	select {
	case err := <-stopped:
		if err != nil {
			t.Fatalf("serve returned %v", err)
		}
	case <-time.After(30 * time.Second):
		t.Fatal("serve did not stop")
	}
	if !strings.Contains(s.out.String(), "Bina berhenti.") {
		t.Errorf("serve did not say it stopped: %q", s.out.String())
	}
	if strings.Contains(s.stderr.String(), "stop jobs") || strings.Contains(s.stderr.String(), "requests cut") {
		t.Errorf("unclean stop: %s", s.stderr.String())
	}
	if _, err := http.Get(metricsURL); err == nil {
		t.Error("the metrics address still answers after the stop")
	}
}

// TestImportInterruptMessage: an import stopped by a signal says where it
// stopped and who resumes it; other errors pass through.
func TestImportInterruptMessage(t *testing.T) {
	j := &imports.Job{ID: 3, Done: 4000, Total: 10000}
	err := explainInterrupt(fmt.Errorf("run: %w", context.Canceled), j)
	if bina.ErrorCode(err) != bina.Conflict || !strings.Contains(errorLine(err), "dihentikan setelah 4000 dari 10000 baris") {
		t.Errorf("interrupted import: %v", err)
	}
	other := errors.New("disk")
	if got := explainInterrupt(other, j); !errors.Is(got, other) || bina.ErrorCode(got) != bina.Internal {
		t.Errorf("other error became %v", got)
	}
}
