package bina

import (
	"bytes"
	"context"
	"encoding/binary"
	"image/jpeg"
	"image/png"
	"strings"
	"time"
)

// AttachmentOwners are the kinds of record a photo or document belongs to.
var AttachmentOwners = Options{
	{"session", "Sesi pendampingan", "Coaching session"},
	{"certificate", "Sertifikat", "Certificate"},
	{"milestone", "Capaian", "Milestone"},
	{"enterprise", "Usaha", "Enterprise"},
}

// Attachment is a photo or document kept with a record. UUID is made by
// whoever uploads it, so that the same file sent twice is stored once.
type Attachment struct {
	ID           int64     `json:"id"`
	UUID         string    `json:"uuid"`
	EnterpriseID int64     `json:"enterprise_id"`
	OwnerKind    string    `json:"owner_kind"` // AttachmentOwners
	OwnerID      int64     `json:"owner_id"`
	ContentType  string    `json:"content_type"`
	Size         int64     `json:"size"`
	SHA256       string    `json:"sha256"` // hex
	Caption      string    `json:"caption"`
	Data         []byte    `json:"-"`
	CreatedAt    time.Time `json:"created_at"`
	CreatedBy    string    `json:"created_by"`
}

// AttachmentStore keeps attachments. The default store keeps them in the
// database with the data, so that a backup of the database is a backup of
// everything; another store (a disk, S3) can implement it later. Reads
// are limited to the actor's region through the business the attachment
// belongs to.
type AttachmentStore interface {
	// PutAttachment stores a (ID, Size, SHA256, CreatedAt, CreatedBy are
	// set). The same uuid with the same data and owner is not stored
	// again: a becomes the stored attachment and created is false.
	// Errors: Invalid, NotFound (the owner), Conflict (the uuid holds
	// other data), Forbidden, Unauthorized.
	PutAttachment(ctx context.Context, a *Attachment) (created bool, err error)
	// GetAttachment returns one attachment with its data.
	// Errors: NotFound (also outside the actor's region), Unauthorized.
	GetAttachment(ctx context.Context, id int64) (*Attachment, error)
	// ListAttachments returns the attachments of one record, without
	// their data, oldest first. Errors: Unauthorized.
	ListAttachments(ctx context.Context, ownerKind string, ownerID int64) ([]Attachment, error)
}

// DefaultMaxImage is the largest photo accepted unless configured.
const DefaultMaxImage = 5 << 20

// maxImageSide bounds a photo's width and height, so that a small file
// cannot claim a picture that takes gigabytes to decode.
const maxImageSide = 16384

// The image types accepted.
const (
	TypeJPEG = "image/jpeg"
	TypePNG  = "image/png"
	TypeWebP = "image/webp"
)

// ImageCheck checks uploaded photos: only real JPEG, PNG and WebP images
// of at most MaxBytes (0: DefaultMaxImage).
type ImageCheck struct {
	MaxBytes int64
}

// SniffImage returns the content type of data when it is a JPEG, PNG or
// WebP image within DefaultMaxImage, else an Invalid error.
func SniffImage(data []byte) (string, error) { return ImageCheck{}.Check(data, "") }

// Check returns the content type of data when it is a real JPEG, PNG or
// WebP image of at most c.MaxBytes whose type agrees with declared (the
// type the client named; "" or application/octet-stream name none).
// Errors: Invalid, with the reason in Indonesian and English.
func (c ImageCheck) Check(data []byte, declared string) (string, error) {
	max := c.MaxBytes
	if max <= 0 {
		max = DefaultMaxImage
	}
	if len(data) == 0 {
		return "", photoError("Berkas foto kosong", "The photo file is empty")
	}
	if int64(len(data)) > max {
		return "", photoError("Foto terlalu besar: paling besar %d MB", "The photo is too large: at most %d MB", max>>20)
	}
	ct, w, h, ok := sniff(data)
	if !ok {
		return "", photoError("Berkas ini bukan foto JPEG, PNG atau WebP yang utuh", "This file is not a whole JPEG, PNG or WebP picture")
	}
	if w <= 0 || h <= 0 || w > maxImageSide || h > maxImageSide {
		return "", photoError("Ukuran gambar tidak masuk akal (%d×%d piksel)", "The picture's size is not plausible (%d×%d pixels)", w, h)
	}
	d := strings.ToLower(strings.TrimSpace(strings.Split(declared, ";")[0]))
	if d == "image/jpg" || d == "image/pjpeg" {
		d = TypeJPEG
	}
	if d != "" && d != "application/octet-stream" && d != ct {
		return "", photoError("Berkas disebut %s tetapi isinya %s", "The file claims to be %s but holds %s", d, ct)
	}
	return ct, nil
}

func photoError(id, en string, args ...any) error {
	var p Problems
	p.Add("photo", id, en, args...)
	e := p.Err().(*Error)
	e.Message = e.Fields[0].Message
	return e
}

// sniff recognises the image by its magic bytes and reads its header.
func sniff(b []byte) (ct string, w, h int, ok bool) {
	switch {
	case bytes.HasPrefix(b, []byte{0xFF, 0xD8, 0xFF}):
		cfg, err := jpeg.DecodeConfig(bytes.NewReader(b))
		return TypeJPEG, cfg.Width, cfg.Height, err == nil
	case bytes.HasPrefix(b, []byte("\x89PNG\r\n\x1a\n")):
		cfg, err := png.DecodeConfig(bytes.NewReader(b))
		return TypePNG, cfg.Width, cfg.Height, err == nil
	case len(b) >= 12 && string(b[0:4]) == "RIFF" && string(b[8:12]) == "WEBP":
		w, h, ok := webpSize(b)
		return TypeWebP, w, h, ok
	}
	return "", 0, 0, false
}

// webpSize reads the canvas size of a WebP file from its first chunk:
// VP8 (lossy), VP8L (lossless) or VP8X (extended).
func webpSize(b []byte) (w, h int, ok bool) {
	if len(b) < 30 {
		return 0, 0, false
	}
	riff := binary.LittleEndian.Uint32(b[4:8])
	if int64(riff)+8 > int64(len(b)) || riff < 22 {
		return 0, 0, false
	}
	chunk, size := string(b[12:16]), binary.LittleEndian.Uint32(b[16:20])
	if int64(size)+20 > int64(len(b)) {
		return 0, 0, false
	}
	d := b[20:]
	switch chunk {
	case "VP8 ":
		// A key frame: 3-byte frame tag, start code 9d 01 2a, then
		// 14-bit width and height.
		if size < 10 || d[0]&1 != 0 || d[3] != 0x9d || d[4] != 0x01 || d[5] != 0x2a {
			return 0, 0, false
		}
		return int(binary.LittleEndian.Uint16(d[6:8]) & 0x3fff), int(binary.LittleEndian.Uint16(d[8:10]) & 0x3fff), true
	case "VP8L":
		// Signature 0x2f, then 14 bits of width-1 and 14 of height-1.
		if size < 5 || d[0] != 0x2f {
			return 0, 0, false
		}
		v := binary.LittleEndian.Uint32(d[1:5])
		return int(v&0x3fff) + 1, int(v>>14&0x3fff) + 1, true
	case "VP8X":
		// Flags, 3 reserved bytes, 24-bit canvas width-1 and height-1.
		if size < 10 {
			return 0, 0, false
		}
		w := int(d[4]) | int(d[5])<<8 | int(d[6])<<16
		h := int(d[7]) | int(d[8])<<8 | int(d[9])<<16
		return w + 1, h + 1, true
	}
	return 0, 0, false
}
