-- The import of yearly figures (laporan tahunan) finds each row's
-- cooperative by its registration number, else its legal number.
CREATE INDEX cooperatives_registration_number ON cooperatives (registration_number);
CREATE INDEX cooperatives_legal_number ON cooperatives (legal_number);
