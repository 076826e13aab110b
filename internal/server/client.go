package server

import (
	"context"
	"errors"
	"fmt"
	"mime"
	"net"
	"net/http"
	"net/netip"
	"strings"
	"unicode/utf8"

	"bina"
	"bina/audit"
	"bina/internal/httperr"
)

// ParseTrustedProxies reads a list of addresses or CIDR ranges separated by
// commas or spaces ("10.0.0.0/8, 192.168.1.10"): the reverse proxies whose
// X-Forwarded-For and X-Forwarded-Proto headers are believed.
func ParseTrustedProxies(s string) ([]netip.Prefix, error) {
	var out []netip.Prefix
	for _, f := range strings.FieldsFunc(s, func(r rune) bool { return r == ',' || r == ' ' }) {
		if p, err := netip.ParsePrefix(f); err == nil {
			out = append(out, p.Masked())
			continue
		}
		a, err := netip.ParseAddr(f)
		if err != nil {
			return nil, fmt.Errorf("trusted proxy %q: not an address or a CIDR range", f)
		}
		out = append(out, netip.PrefixFrom(a.Unmap(), a.Unmap().BitLen()))
	}
	return out, nil
}

// trusts reports whether addr is one of the trusted proxies.
func (s *Server) trusts(addr netip.Addr) bool {
	addr = addr.Unmap()
	for _, p := range s.proxies {
		if p.Contains(addr) {
			return true
		}
	}
	return false
}

// httpsKey marks a request that reached Bina over HTTPS.
type httpsKey struct{}

// isHTTPS reports whether the request came over HTTPS, directly or through
// a trusted proxy (as resolveClient decided).
func isHTTPS(r *http.Request) bool {
	v, _ := r.Context().Value(httpsKey{}).(bool)
	return v
}

// resolveClient decides where a request came from and over what: the peer
// address and r.TLS, unless the peer is a trusted proxy. Then the client is
// the rightmost address of X-Forwarded-For that is not itself a trusted
// proxy (a client can write any addresses at the left of the header, never
// at its right), and the scheme is the proxy's X-Forwarded-Proto. The
// address goes into the context (audit.ClientAddr) for the sign-in limiter
// and the audit.
func (s *Server) resolveClient(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		client := r.RemoteAddr
		if host, _, err := net.SplitHostPort(r.RemoteAddr); err == nil {
			client = host
		}
		https := r.TLS != nil
		if peer, err := netip.ParseAddr(client); err == nil && s.trusts(peer) {
			client = peer.Unmap().String()
			if addr, ok := s.forwardedFor(r.Header.Values("X-Forwarded-For")); ok {
				client = addr
			}
			if p := lastValue(r.Header.Values("X-Forwarded-Proto")); p != "" {
				https = strings.EqualFold(p, "https")
			}
		}
		ctx := audit.WithClientAddr(r.Context(), client)
		if https {
			ctx = context.WithValue(ctx, httpsKey{}, true)
			w = &secureCookieWriter{ResponseWriter: w}
		}
		next.ServeHTTP(w, r.WithContext(ctx))
	})
}

// forwardedFor returns the rightmost address of the X-Forwarded-For
// headers that is not a trusted proxy. A malformed entry ends the search:
// what stands left of it cannot be trusted either.
func (s *Server) forwardedFor(headers []string) (string, bool) {
	var hops []string
	for _, h := range headers {
		hops = append(hops, strings.Split(h, ",")...)
	}
	for i := len(hops) - 1; i >= 0; i-- {
		a, err := netip.ParseAddr(strings.TrimSpace(hops[i]))
		if err != nil {
			return "", false
		}
		if !s.trusts(a) || i == 0 {
			return a.Unmap().String(), true
		}
	}
	return "", false
}

// lastValue returns the last comma-separated value of headers: the one the
// nearest proxy added.
func lastValue(headers []string) string {
	if len(headers) == 0 {
		return ""
	}
	h := headers[len(headers)-1]
	return strings.TrimSpace(h[strings.LastIndex(h, ",")+1:])
}

// secureCookieWriter marks Secure every cookie of a response to a request
// that came over HTTPS, whoever set it, when the header goes out.
type secureCookieWriter struct {
	http.ResponseWriter
	done bool
}

func (sw *secureCookieWriter) secure() {
	if sw.done {
		return
	}
	sw.done = true
	cs := sw.Header()["Set-Cookie"]
	for i, c := range cs {
		if !strings.Contains(strings.ToLower(c), "; secure") {
			cs[i] = c + "; Secure"
		}
	}
}

func (sw *secureCookieWriter) WriteHeader(code int) {
	if code >= 200 {
		sw.secure()
	}
	sw.ResponseWriter.WriteHeader(code)
}

func (sw *secureCookieWriter) Write(b []byte) (int, error) {
	sw.secure()
	return sw.ResponseWriter.Write(b)
}

func (sw *secureCookieWriter) Unwrap() http.ResponseWriter { return sw.ResponseWriter }

// checkText refuses a request whose path, query or form holds a NUL byte
// or invalid UTF-8: no field of the register can hold either, PostgreSQL
// refuses them in text, and a clean 400 says what is wrong. Multipart
// forms (uploads) are left to their handlers, which read files as bytes.
func (s *Server) checkText(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		ok := cleanText(r.URL.Path)
		ok = ok && cleanValues(r.URL.Query())
		if ct, _, _ := mime.ParseMediaType(r.Header.Get("Content-Type")); ok && ct == "application/x-www-form-urlencoded" && unsafe(r.Method) {
			// ParseForm keeps the form for the handler, within the body
			// limit that secure set. A malformed escape leaves what it
			// could read, as the handlers have always taken it.
			var tooLarge *http.MaxBytesError
			if err := r.ParseForm(); errors.As(err, &tooLarge) {
				s.fail(w, r, httperr.BadRequest(bina.Errorf(bina.Invalid, "Isi formulir terlalu besar.", "The form is too large.")))
				return
			}
			ok = cleanValues(r.PostForm)
		}
		if !ok {
			s.fail(w, r, httperr.BadRequest(bina.Errorf(bina.Invalid, "Permintaan memuat karakter yang tidak sah (byte NUL atau UTF-8 rusak).", "The request holds characters that are not allowed (a NUL byte or invalid UTF-8).")))
			return
		}
		next.ServeHTTP(w, r)
	})
}

// cleanValues reports whether every key and value of vs is clean text.
func cleanValues(vs map[string][]string) bool {
	for k, v := range vs {
		if !cleanText(k) {
			return false
		}
		for _, x := range v {
			if !cleanText(x) {
				return false
			}
		}
	}
	return true
}

// cleanText reports whether s is valid UTF-8 without a NUL byte.
func cleanText(s string) bool { return utf8.ValidString(s) && !strings.ContainsRune(s, 0) }
