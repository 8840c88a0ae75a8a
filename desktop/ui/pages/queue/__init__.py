"""The queue (issue 25): the door page where tickets are issued (the work area of an "antrian" account,
and a second window of the station for a second screen: door.py), the now-serving window for a TV
(now_serving.py); the counter's calling box is in calling.py."""

from desktop.domain.roles import Permission
from desktop.domain.text import QT_TRANSLATE_NOOP
from desktop.ui.pages import Page, register

register(
    Page("door", QT_TRANSLATE_NOOP("Pages", "Pintu antrian"), "desktop.ui.pages.queue.door:make_page",
         Permission.ISSUE_TICKET, order=15, object_name="doorPage"),
    Page("door_window", QT_TRANSLATE_NOOP("Pages", "Jendela pintu antrian (layar kedua)"),
         "desktop.ui.pages.queue.door:open_door_window", Permission.ISSUE_TICKET, order=10, menu="queue",
         object_name="doorWindowAction", shortcut="Ctrl+Shift+A"),
    Page("now_serving", QT_TRANSLATE_NOOP("Pages", "Layar nomor dipanggil (TV)"),
         "desktop.ui.pages.queue.now_serving:open_now_serving", Permission.ISSUE_TICKET, order=20, menu="queue",
         object_name="nowServingAction", shortcut="Ctrl+Shift+T"),
)
