package importer

// Cell parsers for coordinates: decimal degrees, pairs and DMS.

import (
	"math"
	"strconv"
	"strings"
	"unicode"

	"bina"
)

// Indonesia's bounding box, the same one Validate uses.
const (
	latMin, latMax = -11.5, 6.5
	lonMin, lonMax = 94.5, 141.5
)

func inLat(v float64) bool { return v >= latMin && v <= latMax }
func inLon(v float64) bool { return v >= lonMin && v <= lonMax }

// ParseCoordinate reads a latitude and longitude: decimal degrees with a
// point or a comma ("-0,0523", "109,3456"), degrees-minutes-seconds
// ("0°03'08.3\"S", "109° 20' 21.6\" BT"), hemisphere letters in English or
// Indonesian (N/S/E/W, LU/LS/BT/BB), or both numbers in the latitude cell
// ("-0.0523, 109.3456") with the longitude cell empty.
//
// Both blank, or both exactly 0 (a placeholder in many exports), give nil.
// Values that are obviously swapped for Indonesia (the latitude lies within
// Indonesia's longitudes and the other way round) are swapped back with a
// note. Anything else outside Indonesia, or one value without the other, is
// refused.
func ParseCoordinate(lat, lon string) (*float64, *float64, bina.Text, bool) {
	la, lo := strings.TrimSpace(lat), strings.TrimSpace(lon)
	if IsBlankCell(lo) && !IsBlankCell(la) {
		if a, b, ok := splitPair(la); ok {
			la, lo = a, b
		}
	}
	if IsBlankCell(la) && IsBlankCell(lo) {
		return nil, nil, bina.Text{}, true
	}
	if IsBlankCell(la) || IsBlankCell(lo) {
		return nil, nil, textf("isi lintang dan bujur bersama-sama", "give latitude and longitude together"), false
	}
	y, msg, ok := parseDegrees(la, true)
	if !ok {
		return nil, nil, msg, false
	}
	x, msg, ok := parseDegrees(lo, false)
	if !ok {
		return nil, nil, msg, false
	}
	if x == 0 && y == 0 {
		return nil, nil, bina.Text{}, true
	}
	var note bina.Text
	if !(inLat(y) && inLon(x)) && inLat(x) && inLon(y) {
		x, y = y, x
		note = textf("lintang dan bujur tertukar; sudah dibalik", "latitude and longitude were swapped; swapped back")
	}
	if !inLat(y) || !inLon(x) {
		return nil, nil, textf("koordinat %s, %s berada di luar Indonesia", "coordinates %s, %s lie outside Indonesia", clip(la), clip(lo)), false
	}
	return &y, &x, note, true
}

// splitPair splits "lat, lon" written in one cell.
func splitPair(s string) (string, string, bool) {
	for _, sep := range []string{";", ", ", " ,", "\t", " ", ","} {
		if strings.Count(s, sep) != 1 {
			continue
		}
		a, b, _ := strings.Cut(s, sep)
		a, b = strings.TrimSpace(a), strings.TrimSpace(b)
		if a == "" || b == "" {
			continue
		}
		if sep == "," && strings.Count(s, ".") != 2 {
			continue // "-0,0523" is one number with a decimal comma
		}
		if sep == " " && strings.ContainsAny(s, "°'\"") {
			continue
		}
		if _, _, ok := parseDegrees(a, true); !ok {
			continue
		}
		if _, _, ok := parseDegrees(b, false); !ok {
			continue
		}
		return a, b, true
	}
	return "", "", false
}

// hemispheres maps hemisphere letters, English and Indonesian (lintang
// utara/selatan, bujur timur/barat), to a sign.
var hemispheres = map[string]float64{
	"n": 1, "u": 1, "lu": 1, "s": -1, "ls": -1,
	"e": 1, "t": 1, "bt": 1, "w": -1, "b": -1, "bb": -1,
}

// parseDegrees reads one coordinate in decimal degrees or DMS.
func parseDegrees(s string, isLat bool) (float64, bina.Text, bool) {
	bad := func() bina.Text {
		if isLat {
			return textf("lintang %q tidak dikenali", "latitude %q not understood", clip(s))
		}
		return textf("bujur %q tidak dikenali", "longitude %q not understood", clip(s))
	}
	if len(s) > 60 {
		return 0, bad(), false
	}
	x := strings.ToLower(strings.TrimSpace(s))
	sign := 1.0
	// Hemisphere letters before or after.
	lead := strings.IndexFunc(x, func(r rune) bool { return !unicode.IsLetter(r) })
	if lead > 0 {
		if h, ok := hemispheres[x[:lead]]; ok {
			sign, x = h, x[lead:]
		}
	}
	trail := strings.LastIndexFunc(x, func(r rune) bool { return !unicode.IsLetter(r) })
	if trail >= 0 && trail < len(x)-1 {
		if h, ok := hemispheres[x[trail+1:]]; ok {
			sign, x = h, x[:trail+1]
		} else {
			return 0, bad(), false
		}
	}
	x = strings.TrimSpace(x)
	if strings.HasPrefix(x, "-") || strings.HasPrefix(x, "−") {
		sign = -sign
		x = strings.TrimLeft(strings.TrimPrefix(x, "−"), "-")
	}
	x = strings.TrimPrefix(x, "+")
	var parts []string
	if strings.ContainsAny(x, "°º'\"′″ ") {
		parts = strings.FieldsFunc(x, func(r rune) bool {
			return r == '°' || r == 'º' || r == '\'' || r == '"' || r == '′' || r == '″' || isSpaceLike(r)
		})
	} else {
		parts = []string{x}
	}
	if len(parts) == 0 || len(parts) > 3 {
		return 0, bad(), false
	}
	var v float64
	for i, p := range parts {
		if strings.Count(p, ",") == 1 && !strings.Contains(p, ".") {
			p = strings.Replace(p, ",", ".", 1)
		}
		if p == "" || strings.Count(p, ".") > 1 || strings.ContainsAny(p, ",eE+-") {
			return 0, bad(), false
		}
		f, err := strconv.ParseFloat(p, 64)
		if err != nil || math.IsInf(f, 0) || math.IsNaN(f) {
			return 0, bad(), false
		}
		if i > 0 && f >= 60 {
			return 0, bad(), false
		}
		if i < len(parts)-1 && f != math.Trunc(f) {
			return 0, bad(), false
		}
		v += f / math.Pow(60, float64(i))
	}
	if v > 180 {
		return 0, bad(), false
	}
	return sign * v, bina.Text{}, true
}
