"""The reports (issue 22): a supervisor makes, previews, prints and saves them and finds them again in the archive;
an admin edits their letterhead and signatories (desktop/ui/pages/reports/page.py, archive.py, settings.py)."""

from desktop.domain.roles import Permission
from desktop.domain.text import QT_TRANSLATE_NOOP
from desktop.ui.pages import Page, register

register(
    Page("reports", QT_TRANSLATE_NOOP("Pages", "Laporan…"), "desktop.ui.pages.reports.page:open_reports",
         Permission.MAKE_REPORTS, order=27, menu="supervisor", object_name="reportsAction"),
    Page("report_archive", QT_TRANSLATE_NOOP("Pages", "Arsip laporan…"),
         "desktop.ui.pages.reports.archive:open_report_archive", Permission.MAKE_REPORTS, order=28, menu="supervisor",
         object_name="reportArchiveAction"),
    Page("report_settings", QT_TRANSLATE_NOOP("Pages", "Kop dan penanda tangan laporan…"),
         "desktop.ui.pages.reports.settings:open_report_settings", Permission.EDIT_LETTERHEAD, order=28,
         menu="supervisor", object_name="reportSettingsAction"),
)
