package server

import (
	"net/http"
	"strings"

	"bina"
)

// partnerRoutes are the guarded routes a partner account (a cooperative's
// board) may reach. Every other guarded route answers it 404, as the
// record it names does not exist for it; the services scope each of
// these to its own cooperative, so the two checks stand for each other.
var partnerRoutes = map[string]bool{
	"POST /keluar":       true,
	"GET /pengurus":      true,
	"GET /koperasi/{id}": true,
	"GET /usulan":        true,
	"GET /usulan/baru":   true,
	"POST /usulan":       true,
	"GET /usulan/{id}":   true,

	"GET /api/v1/me":                                 true,
	"GET /api/v1/cooperatives/{id}":                  true,
	"GET /api/v1/cooperatives/{id}/history":          true,
	"GET /api/v1/cooperatives/{id}/change-requests":  true,
	"POST /api/v1/cooperatives/{id}/change-requests": true,
	"GET /api/v1/change-requests":                    true,
	"GET /api/v1/change-requests/{id}":               true,
}

// partnerPrefixes are the paths under which the routes are a partner's:
// its cooperative's annual reports, which the board fills in and submits,
// and its health assessments, which it only reads.
var partnerPrefixes = []struct {
	path    string
	getOnly bool
}{
	{"/koperasi/{id}/laporan", false},
	{"/api/v1/cooperatives/{id}/reports", false},
	{"/koperasi/{id}/kesehatan", true},
	{"/api/v1/cooperatives/{id}/health-assessments", true},
}

// partnerMay reports whether a partner account may reach the route of
// pattern.
func partnerMay(pattern string) bool {
	if partnerRoutes[pattern] {
		return true
	}
	method, path, _ := strings.Cut(pattern, " ")
	for _, p := range partnerPrefixes {
		if (path == p.path || strings.HasPrefix(path, p.path+"/")) && (method == "GET" || !p.getOnly) {
			return true
		}
	}
	return false
}

// partnerGate keeps partner accounts to their routes: the overview sends
// them to their board's home, any other guarded route is not found.
func (s *Server) partnerGate(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		u := bina.UserFromContext(r.Context())
		if u == nil || u.Role != bina.RolePartner {
			next.ServeHTTP(w, r)
			return
		}
		_, pattern := s.mux.Handler(r)
		if s.access[pattern] != guarded || partnerMay(pattern) {
			next.ServeHTTP(w, r)
			return
		}
		if pattern == "GET /{$}" {
			http.Redirect(w, r, "/pengurus", http.StatusSeeOther)
			return
		}
		s.fail(w, r, bina.Errorf(bina.NotFound, "Halaman tidak ditemukan.", "Page not found."))
	})
}
