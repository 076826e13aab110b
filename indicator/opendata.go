package indicator

import (
	"context"
	"time"
)

// OpenDataService tells when the records behind the open datasets of
// /data-terbuka last changed: the date a Satu Data portal shows as
// "Dataset Diperbarui".
type OpenDataService interface {
	// LastChanged returns when the records of subject (an
	// Indicator.Subject: "enterprise", "cooperative", "programme",
	// "participant" or "compliance") were last created, changed or
	// archived; zero when there are none. Errors: Invalid (an unknown
	// subject), Unauthorized.
	LastChanged(ctx context.Context, subject string) (time.Time, error)
}
