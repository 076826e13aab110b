package pdf

import (
	"bytes"
	"compress/zlib"
	"fmt"
	"io"
	"regexp"
)

// streamRE finds the content streams of a PDF written by fpdf.
var streamRE = regexp.MustCompile(`(?s)<<([^>]*)>>\s*stream\r?\n(.*?)\r?\nendstream`)

// Strings returns the text shown by the pages of a PDF that Bina wrote
// (core fonts, text in literal strings shown with Tj), one string per
// text operation, in page order: what a reader checks the report's
// figures against. Compressed streams are inflated; streams that are not
// page contents (fonts, images) hold no Tj and add nothing.
func Strings(doc []byte) ([]string, error) {
	var out []string
	for _, m := range streamRE.FindAllSubmatch(doc, -1) {
		body := m[2]
		if bytes.Contains(m[1], []byte("/FlateDecode")) {
			zr, err := zlib.NewReader(bytes.NewReader(body))
			if err != nil {
				return nil, fmt.Errorf("pdf: inflate: %w", err)
			}
			if body, err = io.ReadAll(io.LimitReader(zr, 64<<20)); err != nil {
				return nil, fmt.Errorf("pdf: inflate: %w", err)
			}
		}
		out = append(out, shown(body)...)
	}
	return out, nil
}

// shown returns the literal strings of the Tj operators of a content
// stream, unescaped, with cp1252 bytes read as Latin-1 (enough for the
// digits and ASCII names checked).
func shown(content []byte) []string {
	var out []string
	for i := 0; i < len(content); i++ {
		if content[i] != '(' {
			continue
		}
		var s []byte
		j := i + 1
		for ; j < len(content) && content[j] != ')'; j++ {
			if content[j] == '\\' && j+1 < len(content) {
				j++
				switch content[j] {
				case 'n':
					s = append(s, '\n')
				case 'r':
					s = append(s, '\r')
				case 't':
					s = append(s, '\t')
				default:
					s = append(s, content[j])
				}
				continue
			}
			s = append(s, content[j])
		}
		if bytes.HasPrefix(bytes.TrimLeft(content[j+min(1, len(content)-j):], " "), []byte("Tj")) {
			r := make([]rune, len(s))
			for k, c := range s {
				r[k] = rune(c)
			}
			out = append(out, string(r))
		}
		i = j
	}
	return out
}
