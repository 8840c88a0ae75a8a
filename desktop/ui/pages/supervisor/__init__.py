"""The Supervisor menu: today's quota, blanko receipts, the computer's date and time, a restored database and the
blanko count after it, a copy of the database to a flash disk and the support bundle."""

from desktop.domain.roles import Permission
from desktop.domain.text import QT_TRANSLATE_NOOP
from desktop.ui.pages import Page, register

register(
    Page("quota", QT_TRANSLATE_NOOP("Pages", "Ubah kuota hari ini…"), "desktop.ui.pages.supervisor.actions:open_quota",
         Permission.RAISE_QUOTA, order=10, menu="supervisor", object_name="quotaAction"),
    Page("blanko", QT_TRANSLATE_NOOP("Pages", "Terima blanko…"), "desktop.ui.pages.supervisor.actions:open_blanko",
         Permission.RECEIVE_BLANKO, order=20, menu="supervisor", object_name="blankoAction"),
    Page("clock", QT_TRANSLATE_NOOP("Pages", "Pastikan tanggal dan jam…"),
         "desktop.ui.pages.supervisor.clock:open_clock", Permission.CONFIRM_CLOCK, order=30, menu="supervisor",
         object_name="clockAction"),
    Page("restore", QT_TRANSLATE_NOOP("Pages", "Terima pemulihan database…"),
         "desktop.ui.pages.supervisor.restore:open_restore", Permission.RESOLVE_PRINT, order=40, menu="supervisor",
         object_name="restoreAction"),
    Page("blanko_count", QT_TRANSLATE_NOOP("Pages", "Hitung sisa blanko sesudah pemulihan…"),
         "desktop.ui.pages.supervisor.blanko_count:open_count", Permission.RECEIVE_BLANKO, order=45, menu="supervisor",
         object_name="blankoCountAction"),
    Page("backup", QT_TRANSLATE_NOOP("Pages", "Cadangkan ke flash disk…"),
         "desktop.ui.pages.supervisor.copies:open_backup", Permission.TAKE_BACKUP, order=50, menu="supervisor",
         object_name="backupAction"),
    Page("support_bundle", QT_TRANSLATE_NOOP("Pages", "Buat paket dukungan…"),
         "desktop.ui.pages.supervisor.copies:open_support_bundle", Permission.TAKE_BACKUP, order=55,
         menu="supervisor", object_name="supportBundleAction"),
)
