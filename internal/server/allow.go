package server

import (
	"net/http"
	"strings"
)

// methods are the methods a route may take, in the order Allow lists them.
var methods = []string{http.MethodGet, http.MethodHead, http.MethodPost, http.MethodPut, http.MethodPatch, http.MethodDelete}

// allowed returns the methods the path of r takes, as an Allow header
// ("GET, HEAD, POST"), or "" when no route has the path: the difference
// between 405 and 404. A GET route takes HEAD too, as the mux serves it.
func (s *Server) allowed(r *http.Request) string {
	var ok []string
	for _, m := range methods {
		probe := r.Clone(r.Context())
		probe.Method = m
		if _, pattern := s.mux.Handler(probe); pattern != "" {
			if _, known := s.access[pattern]; known {
				ok = append(ok, m)
			}
		}
	}
	return strings.Join(ok, ", ")
}
