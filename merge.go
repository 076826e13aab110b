package bina

import (
	"slices"
)

// enterpriseMergeFields are the fields TakeFields can copy, as the history
// names them.
var enterpriseMergeFields = []string{
	"name", "trade_name", "owner.name", "owner.nik", "owner.gender", "owner.birth_date", "owner.phone", "owner.education",
	"owner.disability", "owner.address", "nib", "legal_form", "kbli", "main_product", "address", "village_code", "latitude",
	"longitude", "start_year", "start_month", "capital", "assets", "sales", "workers_paid_male", "workers_paid_female",
	"workers_unpaid_male", "workers_unpaid_female", "size_reported", "digital.marketplace", "digital.social_media",
	"digital.website", "digital.qris", "digital.digital_bookkeeping", "digital.links", "status", "binaan", "binaan_since",
	"source_id", "notes",
}

// MergeFields returns the fields a merge can take from an incoming record
// of entity, as the history names them.
func MergeFields(entity Entity) []string {
	if entity == EntityCooperative {
		return slices.Clone(cooperativeMergeFields)
	}
	return slices.Clone(enterpriseMergeFields)
}

// TakeFields copies the named fields (as MergeFields names them) from
// another record into e, leaving all others. It returns Invalid for a
// field it does not know. "owner.*" fields change the owner's details, not
// which person owns the business.
func (e *Enterprise) TakeFields(from *Enterprise, fields []string) error {
	var p Problems
	for _, f := range fields {
		switch f {
		case "name":
			e.Name = from.Name
		case "trade_name":
			e.TradeName = from.TradeName
		case "owner.name":
			e.Owner.Name = from.Owner.Name
		case "owner.nik":
			e.Owner.NIK = from.Owner.NIK
		case "owner.gender":
			e.Owner.Gender = from.Owner.Gender
		case "owner.birth_date":
			e.Owner.BirthDate = from.Owner.BirthDate
		case "owner.phone":
			e.Owner.Phone = from.Owner.Phone
		case "owner.education":
			e.Owner.Education = from.Owner.Education
		case "owner.disability":
			e.Owner.Disability = from.Owner.Disability
		case "owner.address":
			e.Owner.Address = from.Owner.Address
		case "nib":
			e.NIB = from.NIB
		case "legal_form":
			e.LegalForm = from.LegalForm
		case "kbli":
			e.KBLI = slices.Clone(from.KBLI)
		case "main_product":
			e.MainProduct = from.MainProduct
		case "address":
			e.Address = from.Address
		case "village_code":
			e.VillageCode = from.VillageCode
		case "latitude", "longitude":
			e.Latitude, e.Longitude = from.Latitude, from.Longitude
		case "start_year":
			e.StartYear = from.StartYear
		case "start_month":
			e.StartMonth = from.StartMonth
		case "capital":
			e.Capital = from.Capital
		case "assets":
			e.Assets = from.Assets
		case "sales":
			e.Sales = mergeSales(e.Sales, from.Sales)
		case "workers_paid_male":
			e.WorkersPaidMale = from.WorkersPaidMale
		case "workers_paid_female":
			e.WorkersPaidFemale = from.WorkersPaidFemale
		case "workers_unpaid_male":
			e.WorkersUnpaidMale = from.WorkersUnpaidMale
		case "workers_unpaid_female":
			e.WorkersUnpaidFemale = from.WorkersUnpaidFemale
		case "size_reported":
			e.SizeReported = from.SizeReported
		case "digital.marketplace":
			e.Digital.Marketplace = from.Digital.Marketplace
		case "digital.social_media":
			e.Digital.SocialMedia = from.Digital.SocialMedia
		case "digital.website":
			e.Digital.Website = from.Digital.Website
		case "digital.qris":
			e.Digital.QRIS = from.Digital.QRIS
		case "digital.digital_bookkeeping":
			e.Digital.DigitalBookkeeping = from.Digital.DigitalBookkeeping
		case "digital.links":
			e.Digital.Links = from.Digital.Links
		case "status":
			e.Status = from.Status
		case "binaan":
			e.Binaan = from.Binaan
		case "binaan_since":
			e.BinaanSince = from.BinaanSince
		case "source_id":
			e.SourceID = from.SourceID
		case "notes":
			e.Notes = from.Notes
		default:
			p.Add("fields", "Kolom %q tidak dapat digabung", "Field %q cannot be merged", f)
		}
	}
	return p.Err()
}

// mergeSales keeps the years of old that new does not give: a file with
// this year's sales does not erase last year's.
func mergeSales(old, new []AnnualSales) []AnnualSales {
	out := slices.Clone(new)
	for _, o := range old {
		if !slices.ContainsFunc(new, func(n AnnualSales) bool { return n.Year == o.Year }) {
			out = append(out, o)
		}
	}
	slices.SortStableFunc(out, func(a, b AnnualSales) int { return b.Year - a.Year })
	return out
}

// cooperativeMergeFields are the fields of a cooperative TakeFields copies.
var cooperativeMergeFields = []string{
	"name", "registration_number", "certificate_date", "legal_number", "legal_date", "npwp", "nib", "jenis", "bentuk", "pola",
	"kelompok", "kbli", "address", "village_code", "latitude", "longitude", "members_female", "members_male",
	"employees_female", "employees_male", "kdmp", "source_id", "notes",
}

// TakeFields copies the named fields from another cooperative into c.
func (c *Cooperative) TakeFields(from *Cooperative, fields []string) error {
	var p Problems
	for _, f := range fields {
		switch f {
		case "name":
			c.Name = from.Name
		case "registration_number":
			c.RegistrationNumber = from.RegistrationNumber
		case "certificate_date":
			c.CertificateDate = from.CertificateDate
		case "legal_number":
			c.LegalNumber = from.LegalNumber
		case "legal_date":
			c.LegalDate = from.LegalDate
		case "npwp":
			c.NPWP = from.NPWP
		case "nib":
			c.NIB = from.NIB
		case "jenis":
			c.Jenis = from.Jenis
		case "bentuk":
			c.Bentuk = from.Bentuk
		case "pola":
			c.Pola = from.Pola
		case "kelompok":
			c.Kelompok = from.Kelompok
		case "kbli":
			c.KBLI = from.KBLI
		case "address":
			c.Address = from.Address
		case "village_code":
			c.VillageCode = from.VillageCode
		case "latitude", "longitude":
			c.Latitude, c.Longitude = from.Latitude, from.Longitude
		case "members_female":
			c.MembersFemale = from.MembersFemale
		case "members_male":
			c.MembersMale = from.MembersMale
		case "employees_female":
			c.EmployeesFemale = from.EmployeesFemale
		case "employees_male":
			c.EmployeesMale = from.EmployeesMale
		case "kdmp":
			c.KDMP = from.KDMP
		case "source_id":
			c.SourceID = from.SourceID
		case "notes":
			c.Notes = from.Notes
		default:
			p.Add("fields", "Kolom %q tidak dapat digabung", "Field %q cannot be merged", f)
		}
	}
	return p.Err()
}
