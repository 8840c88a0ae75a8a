"""Command line and composition root: `ktp-mandiri [--data-dir DIR] [--demo] [COMMAND ...]`."""

from __future__ import annotations

import argparse
import contextlib
import os
import sys
from collections.abc import Mapping

from desktop import platform as system
from desktop.argparse_id import ArgumentParser, VersionAction, whole_number
from desktop.errors import UserFacingError

NO_DISPLAY = ("Tidak ada layar untuk jendela KTP-el Mandiri (DISPLAY dan WAYLAND_DISPLAY kosong); jalankan dari "
              "sesi desktop, atau pakai perintah baris seperti 'ktp-mandiri jobs' dan 'ktp-mandiri print'.")


WINDOW_SYSTEMS = {"xcb", "wayland", "wayland-egl", "wayland-brcm"}


def build_parser(commands: bool = True) -> argparse.ArgumentParser:
    """The whole command line; without `commands` only the options of the GUI (a faster start)."""
    parser = ArgumentParser(prog="ktp-mandiri", description="KTP-el Mandiri: cetak KTP-el di kantor kecamatan.")
    parser.add_argument("--version", action=VersionAction, help="tampilkan versi program, lalu keluar")
    parser.add_argument("--data-dir", metavar="FOLDER", help="folder data (default: folder data pengguna; env KTP_MANDIRI_DATA)")
    parser.add_argument("--demo", action="store_true",
                        help="mode demo: data sementara, penduduk contoh, printer simulasi")
    parser.add_argument("--demo-residents", type=whole_number, default=2000, help=argparse.SUPPRESS)
    # `dev.py demo --smoke`: start as usual, quit with 0 once the log-in page is on screen.
    parser.add_argument("--exit-when-ready", action="store_true", help=argparse.SUPPRESS)
    # `dev.py demo --regency`: each station's window in its own column of the screen ("1/2", "2/2").
    parser.add_argument("--window-column", metavar="N/M", default=None, help=argparse.SUPPRESS)
    parser.add_argument("--lang", choices=["id", "en"], default=None, help="bahasa tampilan (id/en)")
    parser.add_argument("--regency", metavar="URL",
                        help="buka panel kabupaten di server URL (https://; tanpa data stasiun, tanpa mencetak)")
    parser.add_argument("--ca-file", metavar="BERKAS", help="sertifikat server kabupaten yang dipercaya (dengan --regency)")
    parser.add_argument("--now-serving", action="store_true",
                        help="layar nomor antrean dipanggil saja (untuk TV), tanpa log-in; F11 layar penuh")
    parser.add_argument("--smoke-test", action="store_true",
                        help="periksa instalasi: migrasi di folder data sementara, jendela utama, render kartu, "
                             "libusb; keluar 0 bila baik, atau sebutkan langkah yang gagal")
    if commands:
        from desktop import cli

        sub = parser.add_subparsers(dest="command", metavar="PERINTAH")
        cli.register(sub)
    return parser


def parse_arguments(argv: list[str] | None) -> argparse.Namespace:
    """Starting the GUI needs only its options: the command modules are loaded when a command (or
    anything else the short parser does not know, or help) is on the command line."""
    argv = sys.argv[1:] if argv is None else list(argv)
    if not any(arg in ("-h", "--help") for arg in argv):
        args, rest = build_parser(commands=False).parse_known_args(argv)
        if not rest:
            args.command = None
            return args
    return build_parser().parse_args(argv)


def has_display(env: Mapping[str, str] = os.environ) -> bool:
    """Whether a window can be shown: always on Windows and macOS; on Linux/BSD an X11 or a Wayland
    session, or a Qt platform the user chose (QT_QPA_PLATFORM=vnc, eglfs, ...)."""
    if system.WINDOWS or system.MACOS:
        return True
    if env.get("DISPLAY") or env.get("WAYLAND_DISPLAY"):
        return True
    chosen = {name.split(":")[0].strip() for name in env.get("QT_QPA_PLATFORM", "").split(";")} - {""}
    return bool(chosen - WINDOW_SYSTEMS)  # xcb or wayland without their display cannot show a window


RUNNING_MUTEX = "Global\\KTP-el-Mandiri"  # installer/windows/ktp-mandiri.nsi looks for it
_running = None


def main(argv: list[str] | None = None) -> int:
    os.umask(0o077)  # every file the station makes is its OS account's alone (database, logs, backups)
    _announce_running()
    _tolerant_output()
    try:
        status = _run(argv)
        sys.stdout.flush()  # a closed pipe shows here, not as a traceback at exit
        return status
    except BrokenPipeError:  # `ktp-mandiri jobs | head`: the reader wanted no more
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return 141


def _run(argv: list[str] | None) -> int:
    args = parse_arguments(argv)
    if args.regency is not None and not args.command:
        from desktop.regency.session import check_address

        try:
            check_address(args.regency)  # refused before anything else happens, a window or a request
        except UserFacingError as exc:
            print(f"ktp-mandiri: {exc}", file=sys.stderr)
            return 1
    if args.command or (args.smoke_test and not has_display()):
        _commands_draw_offscreen()
    elif not has_display():
        print(f"ktp-mandiri: {NO_DISPLAY}", file=sys.stderr)
        return 1
    elif not args.smoke_test:
        # Qt aborts the process with its own misleading text when a library of its platform plugin is
        # missing or the display does not answer; say which, and how to fix it, before Qt starts.
        # (The smoke test names these in its own first step.)
        from desktop.system_libraries import window_problem

        problem = window_problem()
        if problem:
            print(f"ktp-mandiri: {problem}", file=sys.stderr)
            return 1
    try:
        if args.command:
            return args.handler(args)
        if args.regency is not None:
            return _run_regency(args)
        if args.now_serving:
            from desktop.ui.pages.queue.standalone import run_now_serving

            return run_now_serving(args)
        if args.smoke_test:
            from desktop.ui.smoke import run_smoke

            return run_smoke(args)
        from desktop.ui.application import run_gui

        return run_gui(args)
    except UserFacingError as exc:
        print(f"ktp-mandiri: {exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130
    except Exception as exc:
        from desktop.store.errors import storage_problem

        problem = storage_problem(exc)
        if problem is None:
            raise
        print(f"ktp-mandiri: {problem}", file=sys.stderr)
        return 1


def _announce_running() -> None:
    """Windows: a named mutex held while this process lives (the window or a command, in any account),
    which the installer looks for before it replaces the program's files under a running copy."""
    global _running
    if not system.WINDOWS or _running is not None:
        return
    import ctypes

    try:
        create = ctypes.windll.kernel32.CreateMutexW  # type: ignore[attr-defined]
        create.argtypes, create.restype = [ctypes.c_void_p, ctypes.c_int, ctypes.c_wchar_p], ctypes.c_void_p
        _running = create(None, False, RUNNING_MUTEX)
    except (AttributeError, OSError):  # not a reason to refuse to start
        _running = None


def _commands_draw_offscreen() -> None:
    """Nothing a command does shows a window: Qt (fonts, card raster, PDF) runs offscreen, with or without
    a display, so a command never aborts on a server or over ssh. The smoke test uses the display when
    there is one: a real X or Wayland session is what catches a missing platform library. Windows keeps
    its own platform, which needs no display: its offscreen one finds no fonts ("Cannot find font
    directory") and would draw the card unlike the GUI."""
    if not system.WINDOWS:
        os.environ["QT_QPA_PLATFORM"] = "offscreen"


def _run_regency(args: argparse.Namespace) -> int:
    """The regency mode: its own window, no station data (desktop/ui/regency/)."""
    if args.data_dir or args.demo or args.smoke_test:
        raise UserFacingError("--regency membuka panel kabupaten tanpa data stasiun: jangan gabungkan dengan "
                              "--data-dir, --demo atau --smoke-test.")
    from desktop.ui.regency.application import run_regency

    return run_regency(args)


def _tolerant_output() -> None:
    """Output never fails on an encoding (a Windows console's code page) or a missing stream: a program
    started without one (Windows' windowed program, a scheduled task) writes into nothing. On Windows
    output redirected to a file or a pipe is UTF-8 (the JSON another program reads), not the ANSI code
    page; the console itself takes Unicode as it is."""
    for name in ("stdout", "stderr"):
        stream = getattr(sys, name)
        if stream is None:
            setattr(sys, name, open(os.devnull, "w", encoding="utf-8"))  # noqa: SIM115 - for the process's life
        elif hasattr(stream, "reconfigure"):
            utf8 = {"encoding": "utf-8"} if system.WINDOWS and not _is_console(stream) else {}
            with contextlib.suppress(ValueError, OSError):
                stream.reconfigure(errors="replace", **utf8)


def _is_console(stream) -> bool:
    try:
        return stream.isatty()
    except (ValueError, OSError):  # closed
        return False


if __name__ == "__main__":
    sys.exit(main())
