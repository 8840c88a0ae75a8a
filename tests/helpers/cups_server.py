"""A private CUPS scheduler for the spooler tests: `cupsd -f` on a temporary configuration.

It listens only on its own socket (in a temporary folder named after this worktree), so parallel
test runs and the machine's own CUPS are never touched. Its queues print to `file:` devices (hence
`FileDevice Yes`), with small PPDs that declare a card page:

    kartu        CR80 (85.60 x 53.98 mm), PDF out: what arrives is what a driver would get
    kartu-bleed  CR80 plus 1 mm on every side (87.60 x 55.98 mm), for a retransfer printer's bleed
    a4           A4 only: a queue without a card page
    kartu-tegak  CR80 declared portrait (53.98 x 85.60 mm), as some card printer drivers do
    macet        CR80, but its driver never finishes (a filter that sleeps): a stuck job
    rusak        CR80, but its driver fails (a filter that exits 1): CUPS stops the job
    jeda         CR80, stopped (paused) by an administrator
    habis        CR80, its driver reported it out of cards (printer-state-reasons media-empty-error)
    putus        CR80, but the device cannot be reached (a backend that fails), error policy
                 abort-job: CUPS aborts the job
    karcis       an 80 mm receipt roll (80 x 200 mm), PDF out
    karcis-raw   the same roll behind a backend that keeps what it is sent (`raw_output`): a raw job (ESC/POS)
                 arrives as it was sent (CUPS writes no raw job to a `file:` device without a filter)

The server's programs are CUPS' own (/usr/lib/cups), seen through a folder of links that adds the
failing backend.

Tests need `cupsd` (Debian: cups-daemon) and poppler-utils; in CI (KTP_CI=1) their absence fails the
run, elsewhere the tests are skipped.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import tempfile
import time
from pathlib import Path

import pytest

CUPSD = shutil.which("cupsd") or ("/usr/sbin/cupsd" if Path("/usr/sbin/cupsd").exists() else None)
START_SECONDS = 20


def missing(what: str) -> None:
    """Skip the test, or fail it in CI, where every prerequisite must be present."""
    if os.environ.get("KTP_CI") == "1":
        pytest.fail(f"{what} is missing; CI must have it (see APT_PACKAGES in .ci/run)")
    pytest.skip(f"{what} is missing (apt-get install cups-daemon cups-filters poppler-utils)")


def _ppd(name: str, sizes: dict[str, tuple[float, float]], filter_line: str) -> str:
    """A minimal PostScript Printer Description with the given page sizes (points), the first the default."""
    default = next(iter(sizes))
    lines = [
        '*PPD-Adobe: "4.3"', '*FormatVersion: "4.3"', '*FileVersion: "1.0"', "*LanguageVersion: English",
        "*LanguageEncoding: ISOLatin1", '*PCFileName: "KTPTEST.PPD"', '*Manufacturer: "KTP-el Mandiri"',
        '*Product: "(Test card printer)"', f'*ModelName: "KTP-el test {name}"', f'*ShortNickName: "KTP-el test {name}"',
        f'*NickName: "KTP-el test card printer {name}"', '*PSVersion: "(3010.000) 0"', '*LanguageLevel: "3"',
        "*ColorDevice: True", "*DefaultColorSpace: RGB", "*FileSystem: False", '*Throughput: "1"',
        "*LandscapeOrientation: Plus90", "*TTRasterizer: Type42", "*cupsVersion: 2.4", filter_line,
    ]
    for key in ("PageSize", "PageRegion"):
        lines += [f"*OpenUI *{key}: PickOne", f"*OrderDependency: 10 AnySetup *{key}", f"*Default{key}: {default}"]
        lines += [f'*{key} {n}/{n}: "<</PageSize[{w} {h}]/ImagingBBox null>>setpagedevice"' for n, (w, h) in sizes.items()]
        lines.append(f"*CloseUI: *{key}")
    lines.append(f"*DefaultImageableArea: {default}")
    lines += [f'*ImageableArea {n}/{n}: "0 0 {w} {h}"' for n, (w, h) in sizes.items()]
    lines.append(f"*DefaultPaperDimension: {default}")
    lines += [f'*PaperDimension {n}/{n}: "{w} {h}"' for n, (w, h) in sizes.items()]
    lines.append("*DefaultResolution: 300dpi")
    return "\n".join(lines) + "\n"


def _pt(mm: float) -> float:
    return round(mm * 72 / 25.4, 2)


CR80 = {"CR80": (_pt(85.60), _pt(53.98))}
PASS_THROUGH = '*cupsFilter2: "application/vnd.cups-pdf application/pdf 0 -"'


class CupsServer:
    """One `cupsd -f` with its queues; `env` is what a client needs (CUPS_SERVER=its socket)."""

    def __init__(self) -> None:
        self.root = Path(tempfile.mkdtemp(prefix="ktp-cups-render-"))
        self.socket = self.root / "cups.sock"
        self.out = self.root / "out"
        self.process: subprocess.Popen | None = None

    def output(self, queue: str) -> Path:
        return self.out / f"{queue}.pdf"

    def raw_output(self, queue: str) -> Path:
        return self.out / f"{queue}.bin"

    @property
    def env(self) -> dict[str, str]:
        return {"CUPS_SERVER": str(self.socket)}

    def _write_config(self) -> None:
        r = self.root
        for sub in ("conf/ppd", "spool", "tmp", "cache", "state", "log", "out", "filters", "bin/backend"):
            (r / sub).mkdir(parents=True, exist_ok=True)
        # Filters run as the `lp` user when cupsd runs as root: they must reach the spool and out folders.
        for sub in ("", "spool", "tmp", "out", "filters", "conf", "conf/ppd", "bin", "bin/backend"):
            os.chmod(r / sub, 0o755)
        system_bin = Path("/usr/lib/cups")
        for entry in system_bin.iterdir():
            if entry.name != "backend":
                (r / "bin" / entry.name).symlink_to(entry)
        for backend in (system_bin / "backend").iterdir():
            (r / "bin/backend" / backend.name).symlink_to(backend)
        unreachable = r / "bin/backend/gagal"
        unreachable.write_text(
            "#!/bin/sh\n[ $# -eq 0 ] && exit 0\necho 'ERROR: simulated device failure' >&2\nexit 1\n"
        )
        os.chmod(unreachable, 0o755)
        keeper = r / "bin/backend/simpan"  # 0700: run as root, which may write the out folder
        keeper.write_text('#!/bin/sh\n[ $# -eq 0 ] && exit 0\nif [ -n "$6" ]; then cat "$6"; else cat; fi '
                          '> "${DEVICE_URI#simpan:}"\n')
        os.chmod(keeper, 0o700)
        os.chmod(r / "tmp", 0o1777)
        (r / "conf/cups-files.conf").write_text(
            f"ServerRoot {r}/conf\nRequestRoot {r}/spool\nTempDir {r}/tmp\nCacheDir {r}/cache\n"
            f"StateDir {r}/state\nAccessLog {r}/log/access_log\nErrorLog {r}/log/error_log\n"
            f"PageLog {r}/log/page_log\nDataDir /usr/share/cups\nServerBin {r}/bin\n"
            f"DocumentRoot /usr/share/cups/doc-root\nFileDevice Yes\nSystemGroup root\nPrintcap {r}/printcap\n"
        )
        (r / "conf/cupsd.conf").write_text(
            f"Listen {self.socket}\nLogLevel debug\nBrowsing No\nWebInterface No\nDefaultAuthType None\n"
            "JobRetryLimit 0\nPreserveJobHistory Yes\nPreserveJobFiles No\n"
            "<Location />\n  Order allow,deny\n  Allow all\n</Location>\n"
            "<Policy default>\n  <Limit All>\n    Order deny,allow\n  </Limit>\n</Policy>\n"
        )
        slow = r / "filters/never-finishes"
        slow.write_text("#!/bin/sh\nexec sleep 3600\n")
        failing = r / "filters/driver-fails"
        failing.write_text("#!/bin/sh\necho 'ERROR: simulated driver failure' >&2\nexit 1\n")
        for script in (slow, failing):
            os.chmod(script, 0o755)
        bleed = {"CR80bleed": (_pt(87.60), _pt(55.98))}
        queues = {
            "kartu": _ppd("kartu", CR80, PASS_THROUGH),
            "kartu-bleed": _ppd("kartu-bleed", bleed, PASS_THROUGH),
            "a4": _ppd("a4", {"A4": (595.28, 841.89)}, PASS_THROUGH),
            "kartu-tegak": _ppd("kartu-tegak", {"CR80": (_pt(53.98), _pt(85.60))}, PASS_THROUGH),
            "macet": _ppd("macet", CR80, f'*cupsFilter2: "application/vnd.cups-pdf application/pdf 0 {slow}"'),
            "rusak": _ppd("rusak", CR80, f'*cupsFilter2: "application/vnd.cups-pdf application/pdf 0 {failing}"'),
            "putus": _ppd("putus", CR80, PASS_THROUGH),
            "jeda": _ppd("jeda", CR80, PASS_THROUGH),
            "habis": _ppd("habis", CR80, PASS_THROUGH),
            "karcis": _ppd("karcis", {"Roll80": (_pt(80), _pt(200))}, PASS_THROUGH),
            "karcis-raw": _ppd("karcis-raw", {"Roll80": (_pt(80), _pt(200))}, PASS_THROUGH),
        }
        devices = {"putus": "gagal:/card-printer", "karcis-raw": f"simpan:{self.raw_output('karcis-raw')}"}
        printers = []
        for name, ppd in queues.items():
            (r / f"conf/ppd/{name}.ppd").write_text(ppd)
            printers.append(
                f"<Printer {name}>\nInfo KTP-el test queue {name}\nMakeModel KTP-el test card printer {name}\n"
                f"DeviceURI {devices.get(name, f'file://{self.output(name)}')}\n"
                f"State {'Stopped' if name == 'jeda' else 'Idle'}\nAccepting Yes\nShared No\n"
                + ("Reason media-empty-error\n" if name == "habis" else "")
                + "ErrorPolicy abort-job\n</Printer>\n"
            )
        (r / "conf/printers.conf").write_text("".join(printers))

    def start(self) -> CupsServer:
        self._write_config()
        conf = self.root / "conf"
        self.process = subprocess.Popen(
            [CUPSD, "-f", "-c", str(conf / "cupsd.conf"), "-s", str(conf / "cups-files.conf")],
            stdout=subprocess.DEVNULL, stderr=open(self.root / "log/cupsd.stderr", "wb"),  # noqa: SIM115
        )
        deadline = time.monotonic() + START_SECONDS
        while not self._answers():
            if self.process.poll() is not None or time.monotonic() > deadline:
                self.stop()
                raise RuntimeError(f"cupsd did not start: {self.log_tail()}")
            time.sleep(0.1)
        return self

    def _answers(self) -> bool:
        if not self.socket.exists():
            return False
        from desktop.devices import cups

        saved = os.environ.get("CUPS_SERVER")
        os.environ["CUPS_SERVER"] = str(self.socket)
        try:
            return cups.queue("kartu") is not None
        except cups.CupsError:
            return False
        finally:
            if saved is None:
                os.environ.pop("CUPS_SERVER", None)
            else:
                os.environ["CUPS_SERVER"] = saved

    def log_tail(self, lines: int = 30) -> str:
        parts = []
        for name in ("log/cupsd.stderr", "log/error_log"):
            path = self.root / name
            if path.exists():
                parts += path.read_text(errors="replace").splitlines()[-lines:]
        return "\n".join(parts)

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        shutil.rmtree(self.root, ignore_errors=True)


@pytest.fixture(scope="session")
def cups_server():
    """One private CUPS for the whole run (skipped, or failed in CI, when CUPS is not installed)."""
    if CUPSD is None:
        missing("cupsd (cups-daemon)")
    for tool in ("pdfinfo", "pdfimages", "pdftoppm"):
        if shutil.which(tool) is None:
            missing(f"{tool} (poppler-utils)")
    if not Path("/usr/lib/cups/filter/pdftopdf").exists():
        missing("pdftopdf (cups-filters)")
    from desktop.devices import cups

    if not cups.available():
        missing("libcups (libcups2)")
    server = CupsServer().start()
    yield server
    server.stop()


# How often a spooler printer reads its job's state in the tests (a second in use): a test waits for
# the state its queue reaches, not for the next reading.
TEST_POLL_SECONDS = 0.1


@pytest.fixture
def cups_queues(cups_server, monkeypatch):
    """The private CUPS as this process's print server; every queue is emptied afterwards."""
    from desktop.devices import cups
    from desktop.devices.spooler import SpoolerPrinter

    monkeypatch.setenv("CUPS_SERVER", str(cups_server.socket))
    monkeypatch.setitem(SpoolerPrinter.__init__.__kwdefaults__, "poll_interval", TEST_POLL_SECONDS)
    for path in cups_server.out.iterdir():
        path.unlink()
    yield cups_server
    for queue in cups.queues():
        cups.cancel(queue.name, -1)  # CUPS_JOBID_ALL: nothing of this test may block the next
