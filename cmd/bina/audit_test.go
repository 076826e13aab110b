package main

import (
	"context"
	"io"
	"net/http"
	"path/filepath"
	"strings"
	"testing"
)

// TestServeAuditSettings: the trusted proxies and the audit's retention
// reach the server, and bad values stop it before it listens.
func TestServeAuditSettings(t *testing.T) {
	db := filepath.Join(t.TempDir(), "bina.db")
	for _, tc := range []struct {
		args []string
		env  map[string]string
	}{
		{[]string{"--trusted-proxy", "10.0.0.0/8,proxy.example"}, nil},
		{nil, map[string]string{"BINA_TRUSTED_PROXIES": "300.1.1.1"}},
		{nil, map[string]string{"BINA_AUDIT_RETENTION_DAYS": "dua tahun"}},
		{[]string{"--audit-retention-days", "-1"}, nil},
	} {
		args := append([]string{"serve", "--db", db, "--addr", "127.0.0.1:0"}, tc.args...)
		if err := run(context.Background(), args, env(tc.env), strings.NewReader(""), io.Discard, io.Discard); err == nil {
			t.Errorf("serve %v %v started", tc.args, tc.env)
		}
	}

	base, _ := startServe(t, "--db", db, "--trusted-proxy", "127.0.0.1", "--audit-retention-days", "30")
	req, _ := http.NewRequest("GET", base+"/healthz", nil)
	req.Header.Set("X-Forwarded-Proto", "https")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.Header.Get("Strict-Transport-Security") == "" {
		t.Error("no HSTS for a request the trusted proxy says came over HTTPS")
	}
}
