package indicator

import (
	"bina"
	"context"
	"time"
)

// BoundaryFile is a deployment's own region boundaries for one level of
// the dashboard maps (kabupaten/kota, kecamatan or desa): a GeoJSON file
// an admin uploaded, checked against the deployment's regions before it
// was kept. Without one the maps use the embedded demo boundaries where
// they fit the deployment.
type BoundaryFile struct {
	Level      bina.RegionLevel `json:"level"`
	Name       string           `json:"name"` // the uploaded file's name
	Data       []byte           `json:"-"`
	Features   int              `json:"features"`
	UploadedBy string           `json:"uploaded_by"`
	UploadedAt time.Time        `json:"uploaded_at"`
}

// BoundaryService keeps the uploaded boundary files, one per level; a new
// upload replaces the level's file.
type BoundaryService interface {
	// BoundaryFiles returns the files kept, with their data, by level.
	BoundaryFiles(ctx context.Context) ([]BoundaryFile, error)
	// SaveBoundaryFile keeps f as its level's file (admins only:
	// Forbidden otherwise). The caller has checked the file.
	SaveBoundaryFile(ctx context.Context, f *BoundaryFile) error
}

// MapPoint is a business with coordinates, drawn as a point on a map.
type MapPoint struct {
	ID        int64   `json:"id"`
	Name      string  `json:"name"`
	Latitude  float64 `json:"latitude"`
	Longitude float64 `json:"longitude"`
}

// MapPointService gives the places of businesses for the maps.
type MapPointService interface {
	// EnterprisePoints returns up to limit live businesses with
	// coordinates in region (a kecamatan or desa), in registration
	// order. A point is an address: Forbidden for accounts that may not
	// see personal data, NotFound for a region outside the actor's area.
	EnterprisePoints(ctx context.Context, region bina.RegionCode, limit int) ([]MapPoint, error)
}
