package bina_test

import (
	"bytes"
	"encoding/binary"
	"image"
	"image/color"
	"image/jpeg"
	"image/png"
	"testing"

	"bina"
)

// tinyImage returns a 3×2 picture encoded by enc.
func tinyImage(t *testing.T, enc func(*bytes.Buffer, image.Image) error) []byte {
	t.Helper()
	img := image.NewRGBA(image.Rect(0, 0, 3, 2))
	img.Set(1, 1, color.RGBA{R: 200, G: 100, B: 50, A: 255})
	var buf bytes.Buffer
	if err := enc(&buf, img); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// webpFixture returns the header of a lossless WebP of w×h pixels: RIFF,
// WEBP, a VP8L chunk with its signature and packed size.
func webpFixture(w, h int) []byte {
	payload := make([]byte, 10)
	payload[0] = 0x2f
	binary.LittleEndian.PutUint32(payload[1:5], uint32(w-1)|uint32(h-1)<<14)
	b := []byte("RIFF\x00\x00\x00\x00WEBPVP8L")
	b = binary.LittleEndian.AppendUint32(b, uint32(len(payload)))
	b = append(b, payload...)
	binary.LittleEndian.PutUint32(b[4:8], uint32(len(b)-8))
	return b
}

func TestImageCheck(t *testing.T) {
	jpg := tinyImage(t, func(b *bytes.Buffer, m image.Image) error { return jpeg.Encode(b, m, nil) })
	pngData := tinyImage(t, func(b *bytes.Buffer, m image.Image) error { return png.Encode(b, m) })
	webp := webpFixture(640, 480)
	lossy := []byte("RIFF\x00\x00\x00\x00WEBPVP8 \x0a\x00\x00\x00\x10\x02\x00\x9d\x01\x2a\x80\x02\xe0\x01")
	binary.LittleEndian.PutUint32(lossy[4:8], uint32(len(lossy)-8))
	extended := []byte("RIFF\x00\x00\x00\x00WEBPVP8X\x0a\x00\x00\x00\x10\x00\x00\x00\x7f\x02\x00\xdf\x01\x00")
	binary.LittleEndian.PutUint32(extended[4:8], uint32(len(extended)-8))
	big := append(append([]byte(nil), pngData...), make([]byte, 2<<20)...)
	for _, tc := range []struct {
		name     string
		data     []byte
		declared string
		max      int64
		want     string // content type, or "" for a refusal
	}{
		{"jpeg", jpg, "image/jpeg", 0, bina.TypeJPEG},
		{"jpeg declared jpg", jpg, "image/jpg", 0, bina.TypeJPEG},
		{"png", pngData, "image/png", 0, bina.TypePNG},
		{"png undeclared", pngData, "", 0, bina.TypePNG},
		{"webp lossless", webp, "image/webp", 0, bina.TypeWebP},
		{"webp lossy", lossy, "image/webp", 0, bina.TypeWebP},
		{"webp extended", extended, "application/octet-stream", 0, bina.TypeWebP},
		{"text claiming png", []byte("bukan gambar, hanya teks"), "image/png", 0, ""},
		{"png claiming jpeg", pngData, "image/jpeg", 0, ""},
		{"png magic, broken header", []byte("\x89PNG\r\n\x1a\nxxxxxxxxxxxxxxxx"), "image/png", 0, ""},
		{"riff without a picture", []byte("RIFF\x10\x00\x00\x00WEBPJUNK\x04\x00\x00\x00abcdzzzzzzzzzzzz"), "image/webp", 0, ""},
		{"empty", nil, "image/png", 0, ""},
		{"too large for the limit", big, "image/png", 1 << 20, ""},
		{"too large by default", make([]byte, bina.DefaultMaxImage+1), "image/png", 0, ""},
		{"claims a giant picture", webpFixture(16384, 16384), "image/webp", 0, bina.TypeWebP},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, err := bina.ImageCheck{MaxBytes: tc.max}.Check(tc.data, tc.declared)
			if tc.want == "" {
				if bina.ErrorCode(err) != bina.Invalid {
					t.Fatalf("Check = %q, %v; want Invalid", got, err)
				}
				if msg := bina.ErrorText(err).ID; msg == "" {
					t.Error("no Indonesian message")
				}
				return
			}
			if err != nil || got != tc.want {
				t.Fatalf("Check = %q, %v; want %q", got, err, tc.want)
			}
		})
	}
	if ct, err := bina.SniffImage(jpg); err != nil || ct != bina.TypeJPEG {
		t.Errorf("SniffImage(jpeg) = %q, %v", ct, err)
	}
}
