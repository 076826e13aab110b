package server

import (
	"net/http"
	"time"

	"bina"
	"bina/internal/web"
	"bina/supervision"
)

// routes lists every route of Bina, pages and API, in one place. Each is
// declared public or guarded; a test fails on a route that is neither.
// Guarded routes need a signed-in user (browser session or API bearer
// token); editing rights and region scope are checked by the services.
func (s *Server) routes() []route {
	w, a := s.web, s.api
	return []route{
		// Infrastructure.
		{"GET /healthz", public, http.HandlerFunc(s.healthz)},
		{"GET /readyz", public, http.HandlerFunc(s.readyz)},        // operations (ops.go)
		{"GET /metrics", guarded, http.HandlerFunc(s.metricsPage)}, // for administrators, or --metrics-addr
		{"GET /static/{file...}", public, http.HandlerFunc(w.Static)},
		{"GET /bahasa/{lang}", public, http.HandlerFunc(w.Language)},

		// Signing in and out.
		{"GET /masuk", public, http.HandlerFunc(w.LoginPage)},
		{"POST /masuk", public, http.HandlerFunc(w.Login)},
		{"POST /keluar", guarded, http.HandlerFunc(w.Logout)},
		// A one-time password reset link made by an administrator: its
		// secret is the credential, in the query, which is never logged.
		{"GET /atur-sandi", public, http.HandlerFunc(w.PasswordResetPage)},
		{"POST /atur-sandi", public, http.HandlerFunc(w.PasswordReset)},

		// Accounts, for administrators (the handlers and the store check).
		{"GET /pengguna", guarded, http.HandlerFunc(w.UserList)},
		{"GET /pengguna/baru", guarded, http.HandlerFunc(w.UserNew)},
		{"POST /pengguna", guarded, http.HandlerFunc(w.UserCreate)},
		{"POST /pengguna/penundaan/hapus", guarded, http.HandlerFunc(w.ThrottleClear)},
		{"GET /pengguna/{id}", guarded, http.HandlerFunc(w.UserShow)},
		{"POST /pengguna/{id}", guarded, http.HandlerFunc(w.UserUpdate)},
		{"GET /pengguna/{id}/nonaktifkan", guarded, w.UserConfirmState(true)},
		{"POST /pengguna/{id}/nonaktifkan", guarded, w.UserSetState(true)},
		{"GET /pengguna/{id}/aktifkan", guarded, w.UserConfirmState(false)},
		{"POST /pengguna/{id}/aktifkan", guarded, w.UserSetState(false)},
		{"POST /pengguna/{id}/tautan-sandi", guarded, http.HandlerFunc(w.UserResetLink)},
		{"POST /pengguna/{id}/token", guarded, http.HandlerFunc(w.UserTokenCreate)},
		{"POST /pengguna/{id}/token/{token}/cabut", guarded, http.HandlerFunc(w.UserTokenRevoke)},
		{"POST /pengguna/{id}/sesi/{session}/akhiri", guarded, http.HandlerFunc(w.UserSessionEnd)},

		// Pages.
		{"GET /{$}", guarded, http.HandlerFunc(w.Home)},
		{"GET /umkm", guarded, http.HandlerFunc(w.EnterpriseList)},
		{"GET /umkm/baru", guarded, http.HandlerFunc(w.EnterpriseNew)},
		{"POST /umkm", guarded, http.HandlerFunc(w.EnterpriseCreate)},
		{"GET /umkm/{id}", guarded, http.HandlerFunc(w.EnterpriseShow)},
		{"GET /umkm/{id}/ubah", guarded, http.HandlerFunc(w.EnterpriseEdit)},
		{"POST /umkm/{id}", guarded, http.HandlerFunc(w.EnterpriseUpdate)},
		{"POST /umkm/{id}/arsip", guarded, http.HandlerFunc(w.EnterpriseArchive)},
		{"POST /umkm/{id}/pulihkan", guarded, http.HandlerFunc(w.EnterpriseRestore)},
		{"GET /koperasi", guarded, http.HandlerFunc(w.CooperativeList)},
		{"GET /koperasi/baru", guarded, http.HandlerFunc(w.CooperativeNew)},
		{"POST /koperasi", guarded, http.HandlerFunc(w.CooperativeCreate)},
		{"GET /koperasi/{id}", guarded, http.HandlerFunc(w.CooperativeShow)},
		{"GET /koperasi/{id}/ubah", guarded, http.HandlerFunc(w.CooperativeEdit)},
		{"POST /koperasi/{id}", guarded, http.HandlerFunc(w.CooperativeUpdate)},
		{"POST /koperasi/{id}/arsip", guarded, http.HandlerFunc(w.CooperativeArchive)},
		{"POST /koperasi/{id}/pulihkan", guarded, http.HandlerFunc(w.CooperativeRestore)},
		{"POST /koperasi/{id}/rat", guarded, http.HandlerFunc(w.CooperativeSaveRAT)},

		// JSON API.
		{"GET /api/v1/openapi.json", public, http.HandlerFunc(a.OpenAPI)},
		{"GET /problems", public, http.HandlerFunc(a.ProblemPage)},        // problem types (issue 14)
		{"GET /problems/{kind}", public, http.HandlerFunc(a.ProblemPage)}, // problem types (issue 14)
		{"GET /api/v1/me", guarded, http.HandlerFunc(a.Me)},
		{"GET /api/v1/regions", guarded, http.HandlerFunc(a.Regions)},
		{"GET /api/v1/kbli", guarded, http.HandlerFunc(a.KBLI)},
		{"GET /api/v1/enterprises", guarded, http.HandlerFunc(a.ListEnterprises)},
		{"POST /api/v1/enterprises", guarded, http.HandlerFunc(a.CreateEnterprise)},
		{"GET /api/v1/enterprises/{id}", guarded, http.HandlerFunc(a.GetEnterprise)},
		{"PUT /api/v1/enterprises/{id}", guarded, http.HandlerFunc(a.UpdateEnterprise)},
		{"POST /api/v1/enterprises/{id}/archive", guarded, http.HandlerFunc(a.ArchiveEnterprise)},
		{"POST /api/v1/enterprises/{id}/restore", guarded, http.HandlerFunc(a.RestoreEnterprise)},
		{"GET /api/v1/enterprises/{id}/history", guarded, http.HandlerFunc(a.EnterpriseHistory)},
		{"GET /api/v1/stats/enterprises", guarded, http.HandlerFunc(a.EnterpriseCounts)},
		// Pembinaan, reach (issue 11).
		{"GET /api/v1/reach", guarded, http.HandlerFunc(a.Reach)},
		{"GET /jangkauan", guarded, http.HandlerFunc(w.Reach)},
		{"GET /jangkauan/ekspor", guarded, http.HandlerFunc(w.ReachExport)},
		// Indicators (issue 13).
		{"GET /api/v1/indicators", guarded, http.HandlerFunc(a.Indicators)},
		{"GET /api/v1/indicators/{code}", guarded, http.HandlerFunc(a.Indicator)},
		// The rakor report (issue 13).
		{"GET /laporan/rakor", guarded, http.HandlerFunc(w.Rakor)},
		{"POST /laporan/rakor", guarded, http.HandlerFunc(w.RakorCreate)},
		{"POST /api/v1/reports/rakor", guarded, http.HandlerFunc(a.RequestRakor)},
		{"GET /api/v1/reports/rakor", guarded, http.HandlerFunc(a.ListRakor)},
		{"GET /api/v1/reports/{id}", guarded, http.HandlerFunc(a.GetReport)},
		{"GET /api/v1/reports/{id}/{format}", guarded, http.HandlerFunc(a.GetReportFile)},
		{"POST /umkm/{id}/binaan", guarded, http.HandlerFunc(w.BinaanDecide)},
		{"GET /api/v1/cooperatives", guarded, http.HandlerFunc(a.ListCooperatives)},
		{"POST /api/v1/cooperatives", guarded, http.HandlerFunc(a.CreateCooperative)},
		{"GET /api/v1/cooperatives/{id}", guarded, http.HandlerFunc(a.GetCooperative)},
		{"PUT /api/v1/cooperatives/{id}", guarded, http.HandlerFunc(a.UpdateCooperative)},
		{"POST /api/v1/cooperatives/{id}/archive", guarded, http.HandlerFunc(a.ArchiveCooperative)},
		{"POST /api/v1/cooperatives/{id}/restore", guarded, http.HandlerFunc(a.RestoreCooperative)},
		{"GET /api/v1/cooperatives/{id}/history", guarded, http.HandlerFunc(a.CooperativeHistory)},
		{"PUT /api/v1/cooperatives/{id}/rat/{year}", guarded, http.HandlerFunc(a.SaveRAT)},
		{"GET /api/v1/stats/cooperatives", guarded, http.HandlerFunc(a.CooperativeCounts)},

		// Spreadsheets out: exports of the filtered lists (every page,
		// streamed; personal columns only for roles that may see them),
		// the SIDT format, and the templates to fill in for an import.
		{"GET /umkm/ekspor", guarded, http.HandlerFunc(w.EnterpriseExport)},
		{"GET /umkm/templat.xlsx", guarded, http.HandlerFunc(w.EnterpriseTemplate)},
		{"GET /koperasi/ekspor", guarded, http.HandlerFunc(w.CooperativeExport)},
		{"GET /koperasi/templat.xlsx", guarded, http.HandlerFunc(w.CooperativeTemplate)},
		{"GET /api/v1/enterprises/export", guarded, http.HandlerFunc(a.ExportEnterprises)},
		{"GET /api/v1/cooperatives/export", guarded, http.HandlerFunc(a.ExportCooperatives)},
		// Open data for the Satu Data portal is public on purpose: the
		// office publishes it, and it holds counts per region only,
		// never a record, a name or an identity number, with counts of
		// people's businesses under three withheld so that no business
		// can be recognised (DOMAIN.md section 10). It is counted for
		// the whole deployment whoever asks, and kept a few minutes
		// between counts. {file} is {dataset}.csv or {dataset}.json.
		{"GET /data-terbuka", public, http.HandlerFunc(w.OpenDataList)},
		{"GET /data-terbuka/{file}", public, http.HandlerFunc(w.OpenDataFile)},

		// Spreadsheets in: upload, map the columns, preview, start the
		// import as a background job, watch it and read its report; then
		// the review queue of the rows that wait for a person. For staff
		// who may change the register (the handlers check).
		{"GET /impor", guarded, http.HandlerFunc(w.ImportList)},
		{"POST /impor", guarded, http.HandlerFunc(w.ImportUpload)},
		{"GET /impor/{id}", guarded, http.HandlerFunc(w.ImportShow)},
		{"POST /impor/{id}/pratinjau", guarded, http.HandlerFunc(w.ImportPreview)},
		{"POST /impor/{id}/pemetaan", guarded, http.HandlerFunc(w.ImportSaveMapping)},
		{"POST /impor/{id}/mulai", guarded, http.HandlerFunc(w.ImportStart)},
		{"GET /impor/{id}/laporan.xlsx", guarded, http.HandlerFunc(w.ImportReport)},
		{"GET /tinjau", guarded, http.HandlerFunc(w.ReviewList)},
		{"GET /tinjau/{id}", guarded, http.HandlerFunc(w.ReviewShow)},
		{"POST /tinjau/{id}", guarded, http.HandlerFunc(w.ReviewResolve)},
		{"POST /tinjau/{id}/batal", guarded, http.HandlerFunc(w.ReviewUndo)},
		{"GET /api/v1/imports/{id}", guarded, http.HandlerFunc(a.GetImport)},

		// Attendance sheets (issue 11): a programme's daftar hadir goes
		// through the import steps above, tied to the programme.
		{"GET /program/{id}/hadir", guarded, http.HandlerFunc(w.AttendanceForm)},
		{"POST /program/{id}/hadir", guarded, http.HandlerFunc(w.AttendanceUpload)},
		{"GET /program/{id}/hadir/templat.xlsx", guarded, http.HandlerFunc(w.AttendanceTemplate)},
		// Pembinaan: programmes, their participants and candidate lists
		// (issue 11).
		{"GET /program", guarded, http.HandlerFunc(w.ProgrammeList)},
		{"GET /program/baru", guarded, http.HandlerFunc(w.ProgrammeNew)},
		{"POST /program", guarded, http.HandlerFunc(w.ProgrammeCreate)},
		{"GET /program/{id}", guarded, http.HandlerFunc(w.ProgrammeShow)},
		{"GET /program/{id}/ubah", guarded, http.HandlerFunc(w.ProgrammeEdit)},
		{"POST /program/{id}", guarded, http.HandlerFunc(w.ProgrammeUpdate)},
		{"POST /program/{id}/arsip", guarded, http.HandlerFunc(w.ProgrammeArchive)},
		{"POST /program/{id}/peserta", guarded, http.HandlerFunc(w.ProgrammeWalkin)},
		{"POST /program/{id}/peserta/{pid}", guarded, http.HandlerFunc(w.ProgrammeParticipantState)},
		{"GET /program/{id}/kandidat", guarded, http.HandlerFunc(w.ProgrammeCandidates)},
		{"POST /program/{id}/kandidat", guarded, http.HandlerFunc(w.ProgrammeEnrolCandidates)},
		{"POST /program/{id}/undang/{eid}", guarded, http.HandlerFunc(w.ProgrammeInvited)},
		{"GET /program/{id}/ekspor", guarded, http.HandlerFunc(w.ProgrammeExport)},
		{"GET /api/v1/programmes", guarded, http.HandlerFunc(a.ListProgrammes)},
		{"POST /api/v1/programmes", guarded, http.HandlerFunc(a.CreateProgramme)},
		{"GET /api/v1/programmes/{id}", guarded, http.HandlerFunc(a.GetProgramme)},
		{"PUT /api/v1/programmes/{id}", guarded, http.HandlerFunc(a.UpdateProgramme)},
		{"GET /api/v1/programmes/{id}/participants", guarded, http.HandlerFunc(a.ListParticipants)},
		{"POST /api/v1/programmes/{id}/participants", guarded, http.HandlerFunc(a.Enrol)},
		{"GET /api/v1/programmes/{id}/candidates", guarded, http.HandlerFunc(a.ListCandidates)},
		{"GET /api/v1/programmes/{id}/outcomes", guarded, http.HandlerFunc(a.ProgrammeOutcomes)}, // programme outcomes (issue 11 item 6)

		// Annual report pages (issue 12): the same pages for the board and for
		// staff entering on its behalf; confirmation pages before submitting
		// and accepting. Documents download through the API's route.
		{"GET /koperasi/{id}/laporan", guarded, http.HandlerFunc(w.ReportOpen)},
		{"GET /koperasi/{id}/laporan/{year}", guarded, http.HandlerFunc(w.ReportShow)},
		{"POST /koperasi/{id}/laporan/{year}", guarded, http.HandlerFunc(w.ReportSave)},
		{"GET /koperasi/{id}/laporan/{year}/ajukan", guarded, w.ReportConfirm("ajukan")},
		{"POST /koperasi/{id}/laporan/{year}/ajukan", guarded, w.ReportStep("ajukan")},
		{"GET /koperasi/{id}/laporan/{year}/terima", guarded, w.ReportConfirm("terima")},
		{"POST /koperasi/{id}/laporan/{year}/terima", guarded, w.ReportStep("terima")},
		{"POST /koperasi/{id}/laporan/{year}/kembalikan", guarded, w.ReportStep("kembalikan")},
		{"POST /koperasi/{id}/laporan/{year}/koreksi", guarded, w.ReportStep("koreksi")},
		{"POST /koperasi/{id}/laporan/{year}/lampiran", guarded, http.HandlerFunc(w.ReportUpload)},
		// Annual reports of cooperatives (issue 12): entered by the board or
		// staff, accepted or returned by staff; scope and rights are checked
		// by the store.
		{"GET /api/v1/cooperatives/{id}/reports", guarded, http.HandlerFunc(a.ListAnnualReports)},
		{"GET /api/v1/cooperatives/{id}/reports/{year}", guarded, http.HandlerFunc(a.GetAnnualReport)},
		{"PUT /api/v1/cooperatives/{id}/reports/{year}", guarded, http.HandlerFunc(a.SaveAnnualReport)},
		{"POST /api/v1/cooperatives/{id}/reports/{year}/submit", guarded, http.HandlerFunc(a.SubmitAnnualReport)},
		{"POST /api/v1/cooperatives/{id}/reports/{year}/accept", guarded, http.HandlerFunc(a.AcceptAnnualReport)},
		{"POST /api/v1/cooperatives/{id}/reports/{year}/return", guarded, http.HandlerFunc(a.ReturnAnnualReport)},
		{"POST /api/v1/cooperatives/{id}/reports/{year}/correction", guarded, http.HandlerFunc(a.CorrectAnnualReport)},
		{"GET /api/v1/cooperatives/{id}/reports/{year}/versions/{version}", guarded, http.HandlerFunc(a.GetAnnualReportVersion)},
		{"GET /api/v1/cooperatives/{id}/reports/{year}/history", guarded, http.HandlerFunc(a.AnnualReportHistory)},
		{"GET /api/v1/cooperatives/{id}/reports/{year}/attachments", guarded, http.HandlerFunc(a.ListReportAttachments)},
		{"POST /api/v1/cooperatives/{id}/reports/{year}/attachments", guarded, http.HandlerFunc(a.UploadReportAttachment)},
		{"GET /api/v1/cooperatives/{id}/reports/{year}/attachments/{attachment}", guarded, http.HandlerFunc(a.GetReportAttachment)},

		// The audit: who read a record's personal data, what an account
		// looked at; for administrators (the store checks).
		{"GET /audit", guarded, http.HandlerFunc(w.AuditPage)},
		{"GET /audit/ekspor", guarded, http.HandlerFunc(w.AuditExport)},
		{"GET /api/v1/audit", guarded, http.HandlerFunc(a.Audit)},

		// Pembinaan: certificates and licences of enterprises, what expires
		// soon (with its export), numbers found on two enterprises for a
		// person to decide, and outcome milestones.
		{"POST /umkm/{id}/sertifikat", guarded, http.HandlerFunc(w.CertificateCreate)},
		{"POST /umkm/{id}/capaian", guarded, http.HandlerFunc(w.MilestoneCreate)},
		{"GET /sertifikat", guarded, http.HandlerFunc(w.CertificateExpiry)},
		{"GET /sertifikat/ekspor", guarded, http.HandlerFunc(w.CertificateExport)},
		{"GET /sertifikat/tinjau", guarded, http.HandlerFunc(w.CertificateReviewList)},
		{"POST /sertifikat/tinjau/{id}", guarded, http.HandlerFunc(w.CertificateReviewResolve)},
		{"GET /api/v1/enterprises/{id}/certificates", guarded, http.HandlerFunc(a.ListEnterpriseCertificates)},
		{"POST /api/v1/enterprises/{id}/certificates", guarded, http.HandlerFunc(a.CreateCertificate)},
		{"GET /api/v1/certificates", guarded, http.HandlerFunc(a.ListExpiringCertificates)},
		{"GET /api/v1/certificates/{id}", guarded, http.HandlerFunc(a.GetCertificate)},
		{"PUT /api/v1/certificates/{id}", guarded, http.HandlerFunc(a.UpdateCertificate)},
		{"GET /api/v1/enterprises/{id}/milestones", guarded, http.HandlerFunc(a.ListMilestones)},
		{"POST /api/v1/enterprises/{id}/milestones", guarded, http.HandlerFunc(a.RecordMilestone)},
		// Surat Keterangan UMK Binaan: issued, downloaded and revoked by
		// staff (the pages link to the API's PDF, which takes the session);
		// its verification page, reached from the letter's QR code, is
		// public on purpose and shows nothing personal.
		{"POST /umkm/{id}/surat", guarded, http.HandlerFunc(w.LetterIssue)},
		{"GET /surat/{id}/cabut", guarded, http.HandlerFunc(w.LetterRevokeConfirm)},
		{"POST /surat/{id}/cabut", guarded, http.HandlerFunc(w.LetterRevoke)},
		{"GET /pengaturan/surat", guarded, http.HandlerFunc(w.LetterSettingsPage)},
		{"POST /pengaturan/surat", guarded, http.HandlerFunc(w.LetterSettingsSave)},
		{"GET /verifikasi/{code}", public, http.HandlerFunc(w.LetterVerify)},
		// Cooperative supervision (issue 12): RAT compliance, its settings
		// (admins; the store checks), the KDMP follow-up, the report.
		{"GET /api/v1/compliance", guarded, http.HandlerFunc(a.Compliance)},
		{"GET /koperasi/kepatuhan", guarded, http.HandlerFunc(w.Compliance)},
		{"GET /koperasi/kepatuhan/ekspor", guarded, http.HandlerFunc(w.ComplianceExport)},
		{"GET /koperasi/kepatuhan/pengaturan", guarded, http.HandlerFunc(w.ComplianceSettingsPage)},
		{"POST /koperasi/kepatuhan/pengaturan", guarded, http.HandlerFunc(w.ComplianceSettingsSave)},
		{"GET /koperasi/kdmp", guarded, http.HandlerFunc(w.KDMP)},
		{"GET /koperasi/kdmp/ekspor", guarded, http.HandlerFunc(w.KDMPExport)},
		{"GET /koperasi/perkembangan", guarded, http.HandlerFunc(w.Perkembangan)},
		{"GET /koperasi/perkembangan/ekspor", guarded, http.HandlerFunc(w.PerkembanganExport)},
		{"POST /api/v1/enterprises/{id}/letters", guarded, http.HandlerFunc(a.IssueLetter)},
		{"GET /api/v1/enterprises/{id}/letters", guarded, http.HandlerFunc(a.ListLetters)},
		{"GET /api/v1/letters/{id}", guarded, http.HandlerFunc(a.GetLetter)},
		{"GET /api/v1/letters/{id}/pdf", guarded, http.HandlerFunc(a.LetterPDF)},
		{"POST /api/v1/letters/{id}/revoke", guarded, http.HandlerFunc(a.RevokeLetter)},
		// Health assessment (issue 12): pages, then the API.
		{"GET /koperasi/{id}/kesehatan", guarded, http.HandlerFunc(w.HealthList)},
		{"GET /koperasi/{id}/kesehatan/baru", guarded, http.HandlerFunc(w.HealthForm)},
		{"POST /koperasi/{id}/kesehatan", guarded, http.HandlerFunc(w.HealthAssess)},
		{"GET /koperasi/{id}/kesehatan/{assessment}", guarded, http.HandlerFunc(w.HealthShow)},
		{"GET /koperasi/{id}/kesehatan/{assessment}/pdf", guarded, http.HandlerFunc(w.HealthPDF)},
		{"GET /kesehatan/aturan", guarded, http.HandlerFunc(w.RuleSetList)},
		{"GET /kesehatan/aturan/{ruleset}", guarded, http.HandlerFunc(w.RuleSetShow)},
		{"POST /kesehatan/aturan/{ruleset}", guarded, http.HandlerFunc(w.RuleSetAdopt)},
		{"POST /api/v1/cooperatives/{id}/health-assessments", guarded, http.HandlerFunc(a.AssessHealth)},
		{"GET /api/v1/cooperatives/{id}/health-assessments", guarded, http.HandlerFunc(a.ListHealthAssessments)},
		{"GET /api/v1/cooperatives/{id}/health-assessments/{assessment}", guarded, http.HandlerFunc(a.GetHealthAssessment)},
		{"GET /api/v1/health-rule-sets", guarded, http.HandlerFunc(a.ListHealthRuleSets)},
		{"GET /api/v1/health-rule-sets/{ruleset}", guarded, http.HandlerFunc(a.GetHealthRuleSet)},
		{"POST /api/v1/health-rule-sets", guarded, http.HandlerFunc(a.AdoptHealthRuleSet)},
		// The coaching ledger (issue 11): sessions, follow-ups, caseloads
		// and photos; region scope and rights are checked by the store.
		{"GET /pendampingan", guarded, http.HandlerFunc(w.CoachingCaseload)},
		{"GET /pendampingan/ekspor", guarded, http.HandlerFunc(w.CoachingExport)},
		{"POST /pendampingan/sesi/{id}/tindak-lanjut/{fid}", guarded, http.HandlerFunc(w.CoachingFollowUpDone)},
		{"POST /umkm/{id}/pendampingan", guarded, http.HandlerFunc(w.CoachingRecord)},
		{"POST /umkm/{id}/pendamping", guarded, http.HandlerFunc(w.CoachingAssign)},
		{"GET /api/v1/coaching-sessions", guarded, http.HandlerFunc(a.ListCoachingSessions)},
		{"POST /api/v1/coaching-sessions", guarded, http.HandlerFunc(a.CreateCoachingSession)},
		{"GET /api/v1/coaching-sessions/{id}", guarded, http.HandlerFunc(a.GetCoachingSession)},
		{"POST /api/v1/coaching-sessions/{id}/photos", guarded, http.HandlerFunc(a.UploadSessionPhoto)},
		{"GET /api/v1/attachments/{id}", guarded, http.HandlerFunc(a.GetAttachment)},

		// Board accounts (issue 12): staff invite a cooperative's board
		// with a one-time link, whose secret is the credential (in the
		// query, never logged); the board lands on its home page and
		// proposes changes that staff approve or reject at /usulan.
		// Partner accounts reach only the routes of partner.go.
		{"GET /koperasi/{id}/undangan", guarded, http.HandlerFunc(w.InvitationList)},
		{"POST /koperasi/{id}/undangan", guarded, http.HandlerFunc(w.InvitationCreate)},
		{"POST /koperasi/{id}/undangan/{iid}/cabut", guarded, http.HandlerFunc(w.InvitationRevoke)},
		{"POST /koperasi/{id}/pengurus/{uid}/nonaktifkan", guarded, w.BoardAccountState(true)},
		{"POST /koperasi/{id}/pengurus/{uid}/aktifkan", guarded, w.BoardAccountState(false)},
		{"GET /undangan", public, http.HandlerFunc(w.InvitationAcceptPage)},
		{"POST /undangan", public, http.HandlerFunc(w.InvitationAccept)},
		{"GET /pengurus", guarded, http.HandlerFunc(w.BoardHome)},
		{"GET /usulan", guarded, http.HandlerFunc(w.ChangeRequestList)},
		{"GET /usulan/baru", guarded, http.HandlerFunc(w.ChangeRequestNew)},
		{"POST /usulan", guarded, http.HandlerFunc(w.ChangeRequestCreate)},
		{"GET /usulan/{id}", guarded, http.HandlerFunc(w.ChangeRequestShow)},
		{"POST /usulan/{id}", guarded, http.HandlerFunc(w.ChangeRequestDecide)},
		{"GET /api/v1/cooperatives/{id}/invitations", guarded, http.HandlerFunc(a.ListInvitations)},
		{"POST /api/v1/cooperatives/{id}/invitations", guarded, http.HandlerFunc(a.CreateInvitation)},
		{"POST /api/v1/invitations/{id}/revoke", guarded, http.HandlerFunc(a.RevokeInvitation)},
		{"GET /api/v1/cooperatives/{id}/change-requests", guarded, http.HandlerFunc(a.ListCooperativeChangeRequests)},
		{"POST /api/v1/cooperatives/{id}/change-requests", guarded, http.HandlerFunc(a.ProposeChange)},
		{"GET /api/v1/change-requests", guarded, http.HandlerFunc(a.ListChangeRequests)},
		{"GET /api/v1/change-requests/{id}", guarded, http.HandlerFunc(a.GetChangeRequest)},
		{"POST /api/v1/change-requests/{id}/approve", guarded, http.HandlerFunc(a.ApproveChangeRequest)},
		{"POST /api/v1/change-requests/{id}/reject", guarded, http.HandlerFunc(a.RejectChangeRequest)},

		// Dashboards and maps (issue 13).
		{"GET /dasbor", guarded, http.HandlerFunc(w.Dashboard)},
		{"GET /dasbor/{theme}", guarded, http.HandlerFunc(w.DashboardTheme)},
		{"GET /dasbor/indikator/{code}", guarded, http.HandlerFunc(w.DashboardIndicator)},
		{"GET /pengaturan/peta", guarded, http.HandlerFunc(w.BoundariesPage)},
		{"POST /pengaturan/peta", guarded, http.HandlerFunc(w.BoundariesUpload)},
	}
}

// uploadRoutes are the routes that take files: their bodies may be larger
// than Deps.MaxBody, and they may take longer to arrive than the server's
// read timeout allows, since a large spreadsheet over a rural connection
// takes minutes.
func (s *Server) uploadRoutes() map[string]upload {
	return map[string]upload{
		"POST /impor": {maxFile: web.MaxUpload, timeout: 30 * time.Minute},
		// Coaching photos (issue 11).
		"POST /api/v1/coaching-sessions/{id}/photos": {maxFile: bina.DefaultMaxImage, timeout: 10 * time.Minute},
		"POST /umkm/{id}/pendampingan":               {maxFile: bina.DefaultMaxImage, timeout: 10 * time.Minute},
		"POST /umkm/{id}/sertifikat":                 {maxFile: bina.DefaultMaxImage, timeout: 10 * time.Minute}, // certificate scans (issue 11)
		"POST /program/{id}/hadir":                   {maxFile: web.MaxUpload, timeout: 30 * time.Minute},        // attendance sheets (issue 11)
		// Annual report documents (issue 12).
		"POST /api/v1/cooperatives/{id}/reports/{year}/attachments": {maxFile: supervision.MaxReportAttachment, timeout: 10 * time.Minute},
		"POST /koperasi/{id}/laporan/{year}/lampiran":               {maxFile: supervision.MaxReportAttachment, timeout: 10 * time.Minute},
		// A deployment's own map boundaries (issue 13).
		"POST /pengaturan/peta": {maxFile: web.MaxBoundaryFile, timeout: 10 * time.Minute},
	}
}
