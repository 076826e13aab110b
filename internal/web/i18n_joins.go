package web

// englishJoins translates the texts that tie the pembinaan records
// together: a programme's outcomes and attendance links, a business's
// programmes and certificate documents.
var englishJoins = map[string]string{
	"Hasil peserta sebelum dan sesudah program":                                            "Participants' outcomes before and after the programme",
	"Capaian usaha yang hadir atau lulus, dicatat sebelum dan sejak tanggal mulai program": "Milestones of the businesses that attended or completed, recorded before and since the programme's start",
	"Capaian peserta per jenis":                                                            "Participants' milestones per kind",
	"Jenis capaian":                                                                        "Milestone kind",
	"Sebelum program":                                                                      "Before the programme",
	"Sejak program":                                                                        "Since the programme",
	"Usaha":                                                                                "Businesses",
	"Nilai":                                                                                "Amount",
	"Tenaga kerja":                                                                         "Jobs",
	"Belum ada capaian yang dicatat untuk peserta yang hadir atau lulus. Catat capaian di halaman usaha masing-masing.": "No milestones recorded yet for the participants who attended or completed. Record them on each business's page.",
	"Impor daftar hadir kegiatan ini":                "Import this activity's attendance sheet",
	"Kegiatan (boleh kosong)":                        "Activity (optional)",
	"Tanpa kegiatan tertentu":                        "No particular activity",
	"Program yang diikuti":                           "Programmes taken part in",
	"Program pembinaan yang diikuti usaha ini":       "Coaching programmes this business is in",
	"Tanggal terjangkau":                             "Date reached",
	"Usaha ini belum pernah ikut program pembinaan.": "This business has not been in a coaching programme yet.",
	"Lihat dokumen":                                  "View document",
	"Pindaian dokumen (boleh kosong)":                "Scan of the document (optional)",
	"Foto atau pindaian sertifikat: JPEG, PNG atau WebP, paling besar 5 MB. Pilih lagi bila formulir ditolak.": "A photo or scan of the certificate: JPEG, PNG or WebP, at most 5 MB. Choose it again if the form is refused.",
	"Berkas belum dapat disimpan di server ini":                                                                "Files cannot be stored on this server",
}
