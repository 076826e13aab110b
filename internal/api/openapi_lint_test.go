package api_test

import (
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"bina/internal/api"
)

// TestOpenAPILint runs a standard OpenAPI linter over the document with
// its recommended rules, when BINA_TEST_OPENAPI_LINT names the command
// (.ci/run sets it to Redocly's CLI at a pinned version through npx; see
// docs/api.md). The command gets the document's file as its last argument
// and must exit 0; its output is shown either way.
func TestOpenAPILint(t *testing.T) {
	cmdline := os.Getenv("BINA_TEST_OPENAPI_LINT")
	if cmdline == "" {
		t.Skip("BINA_TEST_OPENAPI_LINT not set")
	}
	h := api.New(api.Deps{})
	rec := httptest.NewRecorder()
	h.OpenAPI(rec, httptest.NewRequest("GET", "/api/v1/openapi.json", nil))
	file := filepath.Join(t.TempDir(), "openapi.json")
	if err := os.WriteFile(file, rec.Body.Bytes(), 0o600); err != nil {
		t.Fatal(err)
	}
	args := append(strings.Fields(cmdline), file)
	out, err := exec.CommandContext(t.Context(), args[0], args[1:]...).CombinedOutput()
	t.Logf("%s\n%s", strings.Join(args, " "), out)
	if err != nil {
		t.Fatalf("the OpenAPI linter failed: %v", err)
	}
}
