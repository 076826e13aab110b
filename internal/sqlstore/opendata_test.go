package sqlstore_test

import (
	"testing"
	"time"

	"bina"
	"bina/indicator"
	"bina/internal/sqlstore"
	"bina/internal/sqlstore/sqlstoretest"
)

// TestLastChanged checks the date open datasets carry: the newest
// creation, change or archive of the records of a subject.
func TestLastChanged(t *testing.T) {
	for _, engine := range sqlstoretest.Engines() {
		t.Run(engine, func(t *testing.T) {
			now := time.Date(2026, 11, 28, 10, 0, 0, 0, time.UTC)
			s := sqlstoretest.OpenWithClock(t, engine, bina.DefaultConfig(), func() time.Time { return now })
			ctx := as(bina.RoleViewer, "")
			last := func(subject string) time.Time {
				t.Helper()
				at, err := s.LastChanged(ctx, subject)
				must(t, err)
				return at
			}
			if at := last("enterprise"); !at.IsZero() {
				t.Errorf("an empty register changed at %v", at)
			}
			ents := genEnterprises(sqlstoreRef(t), 3, 0, 5)
			for i := range ents {
				ents[i].CreatedAt = time.Date(2024, time.Month(i+1), 10, 8, 0, 0, 0, time.UTC)
			}
			coops := genCooperatives(sqlstoreRef(t), 3, 0, 2)
			for i := range coops {
				coops[i].CreatedAt = time.Date(2023, time.Month(i+1), 1, 0, 0, 0, 0, time.UTC)
			}
			must(t, s.BulkLoad(system, ents, coops))
			if at := last("enterprise"); !at.Equal(ents[4].CreatedAt) {
				t.Errorf("enterprises changed at %v, want the newest record's %v", at, ents[4].CreatedAt)
			}
			if at := last("cooperative"); !at.Equal(coops[1].CreatedAt) {
				t.Errorf("cooperatives changed at %v, want %v", at, coops[1].CreatedAt)
			}
			// An archive is a change, though the record leaves the live ones.
			page, err := s.ListEnterprises(as(bina.RoleAdmin, ""), bina.EnterpriseFilter{Limit: 1})
			must(t, err)
			must(t, s.ArchiveEnterprise(as(bina.RoleAdmin, ""), page.Items[0].ID, "tutup"))
			if at := last("enterprise"); !at.Equal(now) {
				t.Errorf("after an archive: %v, want %v", at, now)
			}
			if at := last("programme"); !at.IsZero() {
				t.Errorf("no programmes, changed at %v", at)
			}
			_, err = s.LastChanged(ctx, "orang")
			wantCode(t, err, bina.Invalid)
		})
	}
}

var _ indicator.OpenDataService = (*sqlstore.Store)(nil)
