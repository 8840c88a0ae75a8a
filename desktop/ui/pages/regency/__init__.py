"""The regency mode's pages (`ktp-mandiri --regency URL`, desktop/ui/regency/): the panel of every
kecamatan and station, quota requests, standing quotas, blanko, anomalies and suspensions, and the reports
the server makes. A regency supervisor sees all of them; the actions only a regency admin may take are not
shown to them."""

from desktop.domain.roles import RegencyPermission
from desktop.domain.text import QT_TRANSLATE_NOOP
from desktop.ui.pages import REGENCY, Page, register

_HERE = "desktop.ui.pages.regency"

register(
    Page("regency_panel", QT_TRANSLATE_NOOP("Pages", "Panel kabupaten"), f"{_HERE}.panel:make_page",
         RegencyPermission.VIEW_PANEL, REGENCY, order=10, object_name="regencyPanel", shortcut="Ctrl+1"),
    Page("regency_requests", QT_TRANSLATE_NOOP("Pages", "Permintaan kuota"), f"{_HERE}.requests:make_page",
         RegencyPermission.DECIDE_QUOTA, REGENCY, order=20, object_name="quotaRequestsPage", shortcut="Ctrl+2"),
    Page("regency_quotas", QT_TRANSLATE_NOOP("Pages", "Kuota tetap"), f"{_HERE}.quotas:make_page",
         RegencyPermission.VIEW_PANEL, REGENCY, order=30, object_name="standingQuotasPage", shortcut="Ctrl+3"),
    Page("regency_blanko", QT_TRANSLATE_NOOP("Pages", "Blanko kabupaten"), f"{_HERE}.blanko:make_page",
         RegencyPermission.VIEW_PANEL, REGENCY, order=40, object_name="regencyBlankoPage", shortcut="Ctrl+4"),
    Page("regency_anomalies", QT_TRANSLATE_NOOP("Pages", "Anomali dan penangguhan"), f"{_HERE}.anomalies:make_page",
         RegencyPermission.VIEW_PANEL, REGENCY, order=50, object_name="anomaliesPage", shortcut="Ctrl+5"),
    Page("regency_reports", QT_TRANSLATE_NOOP("Pages", "Laporan"), f"{_HERE}.reports:make_page",
         RegencyPermission.VIEW_PANEL, REGENCY, order=60, object_name="regencyReportsPage", shortcut="Ctrl+6"),
    Page("regency_password", QT_TRANSLATE_NOOP("Pages", "Ganti kata sandi"), "desktop.ui.regency.password:open_dialog",
         None, REGENCY, order=10, menu="account", object_name="regencyPasswordAction"),
)
