"""The papers an office and a regency sign (issue 22), without their figures' source: a report as one plain
document (document.py), its letterhead, number and signatories (letterhead.py), drawn as a PDF (pdf.py) or
listed as CSV and written privately (output.py). Free of Qt and of any database: the station
(desktop/services/reports/) and the regency server (server/reports.py) both build on it."""
