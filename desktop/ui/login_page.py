"""Log-in, and the first-run form that creates the admin account and sets up the station."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QFrame,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

if TYPE_CHECKING:
    from desktop.domain.regions import Regions


def _card_frame(title: str, parent: QWidget) -> tuple[QFrame, QVBoxLayout]:
    frame = QFrame(parent)
    frame.setObjectName("loginCard")
    frame.setFrameShape(QFrame.Shape.StyledPanel)
    frame.setMaximumWidth(680)
    layout = QVBoxLayout(frame)
    heading = QLabel(title, frame)
    heading.setObjectName("pageTitle")
    layout.addWidget(heading)
    return frame, layout


def _error_label(parent: QWidget, lines: int = 3) -> QLabel:
    """Room for `lines` lines kept whether an error shows or not: the card never moves (docs/ui-style.md)."""
    label = QLabel(parent)
    label.setObjectName("errorLabel")
    label.setWordWrap(True)
    label.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
    label.ensurePolished()  # the stylesheet's font, not the default one
    label.setFixedHeight(lines * label.fontMetrics().lineSpacing() + 4)
    policy = label.sizePolicy()
    policy.setRetainSizeWhenHidden(True)
    label.setSizePolicy(policy)
    label.hide()
    return label


class LoginPage(QWidget):
    """Signals: login_requested(username, password)."""

    login_requested = Signal(str, str)

    def __init__(self, demo_credentials: list | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.loading = False  # the database is still opening (set_loading)
        self.submit_waiting = False  # Enter was pressed while it opened
        outer = QVBoxLayout(self)
        outer.setAlignment(Qt.AlignmentFlag.AlignCenter)
        frame, layout = _card_frame(self.tr("Masuk ke KTP-el Mandiri"), self)
        self.station = QLabel(frame)
        self.station.setObjectName("loginStation")
        self.station.hide()
        layout.addWidget(self.station)
        form = QFormLayout()
        self.username = QLineEdit(frame)
        self.username.setObjectName("username")
        self.password = QLineEdit(frame)
        self.password.setObjectName("password")
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        form.addRow(self.tr("Nama pengguna"), self.username)
        form.addRow(self.tr("Kata sandi"), self.password)
        layout.addLayout(form)
        self.error = _error_label(frame)
        layout.addWidget(self.error)
        self.submit = QPushButton(self.tr("Masuk"), frame)
        self.submit.setObjectName("loginButton")
        self.submit.setDefault(True)
        layout.addWidget(self.submit)
        self.demo_hint = QLabel(frame)
        self.demo_hint.setObjectName("demoHint")
        self.demo_hint.setTextFormat(Qt.TextFormat.RichText)
        self.demo_hint.hide()
        layout.addWidget(self.demo_hint)
        outer.addWidget(frame)
        if demo_credentials:
            self.set_demo_credentials(demo_credentials)
        self.submit.clicked.connect(self._submit)
        self.password.returnPressed.connect(self._submit)
        self.username.returnPressed.connect(self.password.setFocus)

    def set_station(self, name: str) -> None:
        """Which station this window is (two windows side by side in the regency demo)."""
        self.station.setText(self.tr("Stasiun: %1").replace("%1", name))
        self.station.show()

    def set_demo_credentials(self, credentials: list) -> None:
        rows = "".join(
            f"<tr><td><b>{c.username}</b></td><td>&nbsp;/&nbsp;{c.password}</td><td>&nbsp;({c.role})</td></tr>"
            for c in credentials
        )
        self.demo_hint.setText(self.tr("Mode demo. Akun contoh:") + f"<table>{rows}</table>")
        self.demo_hint.show()

    def set_loading(self, loading: bool) -> None:
        """While the database opens the form is shown and may be filled in; Enter pressed meanwhile is
        kept and acted on once the data is ready."""
        was_loading, self.loading = self.loading, loading
        self.submit.setEnabled(not loading)
        self.submit.setText(self.tr("Menyiapkan data…") if loading else self.tr("Masuk"))
        if was_loading and not loading and self.submit_waiting:
            self.submit_waiting = False
            self._submit()

    def _submit(self) -> None:
        if self.loading:
            self.submit_waiting = True
            self.submit.setText(self.tr("Menyiapkan data… lalu masuk"))
            return
        if not self.submit.isEnabled():
            return
        if not self.username.text().strip():
            self.show_error(self.tr("Isi nama pengguna."))
            return
        self.submit.setEnabled(False)
        self.login_requested.emit(self.username.text(), self.password.text())

    def show_error(self, message: str) -> None:
        self.submit.setEnabled(True)
        self.error.setText(message)
        self.error.show()
        self.password.clear()
        self.password.setFocus()

    def reset(self) -> None:
        self.submit.setEnabled(True)
        self.error.hide()
        self.username.clear()
        self.password.clear()
        self.username.setFocus()


class FirstRunPage(QWidget):
    """A fresh install: create the first admin account and choose the station's kecamatan.

    Signals: setup_requested(dict) with username, full_name, password, kecamatan, served;
    enrol_requested() to enrol with the regency server instead.
    """

    setup_requested = Signal(dict)
    enrol_requested = Signal()

    def __init__(self, regions: Regions, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        outer = QVBoxLayout(self)
        outer.setAlignment(Qt.AlignmentFlag.AlignCenter)
        frame, layout = _card_frame(self.tr("Penyiapan pertama stasiun cetak"), self)
        intro = QLabel(self.tr("Buat akun admin pertama dan pilih kecamatan tempat stasiun ini berada."), frame)
        intro.setWordWrap(True)
        layout.addWidget(intro)
        form = QFormLayout()
        self.username = QLineEdit(frame)
        self.username.setObjectName("setupUsername")
        self.full_name = QLineEdit(frame)
        self.full_name.setObjectName("setupFullName")
        self.password = QLineEdit(frame)
        self.password.setObjectName("setupPassword")
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.password2 = QLineEdit(frame)
        self.password2.setObjectName("setupPassword2")
        self.password2.setEchoMode(QLineEdit.EchoMode.Password)
        self.kecamatan = QComboBox(frame)
        self.kecamatan.setObjectName("setupKecamatan")
        self.served = QListWidget(frame)
        self.served.setObjectName("setupServed")
        self.served.setMaximumHeight(110)
        for regency in ("36.03", "36.74"):
            for kec in regions.kecamatan_in(regency):
                label = f"{kec.code} {kec.name} ({regions.regency_header(regency).title()})"
                self.kecamatan.addItem(label, kec.code)
                item = QListWidgetItem(label, self.served)
                item.setData(Qt.ItemDataRole.UserRole, kec.code)
                item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
                item.setCheckState(Qt.CheckState.Unchecked)
        form.addRow(self.tr("Nama pengguna admin"), self.username)
        form.addRow(self.tr("Nama lengkap"), self.full_name)
        form.addRow(self.tr("Kata sandi (min. 8)"), self.password)
        self.password.setToolTip(_rule_text())
        form.addRow(self.tr("Ulangi kata sandi"), self.password2)
        form.addRow(self.tr("Kecamatan stasiun"), self.kecamatan)
        form.addRow(self.tr("Kecamatan lain yang dilayani (hub)"), self.served)
        layout.addLayout(form)
        self.error = _error_label(frame, lines=2)
        layout.addWidget(self.error)
        self.submit = QPushButton(self.tr("Simpan dan lanjutkan"), frame)
        self.submit.setObjectName("setupButton")
        layout.addWidget(self.submit)
        self.enrol = QPushButton(self.tr("Daftar ke server kabupaten…"), frame)
        self.enrol.setObjectName("setupEnrolButton")
        layout.addWidget(self.enrol)
        outer.addWidget(frame)
        self.submit.clicked.connect(self._submit)
        self.enrol.clicked.connect(self.enrol_requested.emit)

    def _submit(self) -> None:
        if self.password.text() != self.password2.text():
            self.show_error(self.tr("Kedua kata sandi tidak sama."))
            return
        served = [
            self.served.item(i).data(Qt.ItemDataRole.UserRole)
            for i in range(self.served.count())
            if self.served.item(i).checkState() == Qt.CheckState.Checked
        ]
        self.submit.setEnabled(False)
        self.setup_requested.emit({
            "username": self.username.text(),
            "full_name": self.full_name.text(),
            "password": self.password.text(),
            "kecamatan": self.kecamatan.currentData(),
            "served": served,
        })

    def show_error(self, message: str) -> None:
        self.submit.setEnabled(True)
        self.error.setText(message)
        self.error.show()

    def held_elsewhere(self, message: str) -> None:
        """Another Windows account of this PC holds the station (desktop/station_account.py): said, and
        neither a new station nor an enrolment is offered here."""
        self.error.setText(message)
        self.error.show()
        self.submit.setEnabled(False)
        self.enrol.setEnabled(False)


def _rule_text() -> str:
    """The password rule (desktop/domain/passwords.py), translated; loaded only with the first-run page."""
    from desktop.domain.passwords import password_rule
    from desktop.ui.text import tr_message

    return tr_message(password_rule())
