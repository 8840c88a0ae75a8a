"""A print station at work, in its own process, for the fault runs: an operator prints card after card
through the station's services on a zero-delay simulator while a background thread syncs with the
regency server (on a timer and at the lease's low-water mark), as the GUI does.

    python -m tests.harness.station_driver --data-dir DIR --niks FILE --seed N [--spoil-rate 0.03]

It writes one JSON line per thing that happened to stdout (printed, spoiled, refused, sync_start,
sync, sync_failed, settled, blanko_confirmed) and reads commands from stdin: `stop` ends the day
(no more printing, one last sync attempt, exit 0). A kill -9 at any moment is what it is built for:
on the next start it settles the jobs its predecessor left behind, as a supervisor would.
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import random
import sys
import threading
import time
from pathlib import Path

LOST = {"reason": "hilang", "documents": frozenset({"kk", "police_letter"}), "numbers": {"police_letter": "LP/7/2026"}}
OPERATOR_ENV, SUPERVISOR_ENV = "KTP_DRIVER_OPERATOR", "KTP_DRIVER_SUPERVISOR"  # "user:password"


class Driver:
    def __init__(self, args: argparse.Namespace) -> None:
        from desktop.composition import build_services
        from desktop.devices.registry import open_printer, profile_dir_in
        from desktop.devices.simulator import get_simulator
        from desktop.render.fonts import ensure_gui_app
        from tests.helpers.usb_fake import confirm_readings

        ensure_gui_app()
        self.args = args
        self.rng = random.Random(args.seed)
        self.services = build_services(Path(args.data_dir), create=False)
        self.station = self.services.stations.require()
        self.operator = self._login(OPERATOR_ENV)
        self.supervisor = self._login(SUPERVISOR_ENV)
        self.name = Path(args.data_dir).name
        # "ERR CARD" confirmed on this printer: a card spoiled at `Se` is written off, not left to a supervisor
        confirm_readings(args.data_dir, f"sim://{self.name}")
        self.printer = open_printer(f"sim://{self.name}?delay=0", profile_dir_in(Path(args.data_dir)))
        self.simulator = get_simulator(self.name)
        self.niks = json.loads(Path(args.niks).read_text())
        self.rng.shuffle(self.niks)
        self.poke = threading.Event()
        self.stopping = threading.Event()
        self.lock = threading.Lock()
        self._last_card = 0.0

    def _login(self, variable: str):
        username, _, password = os.environ[variable].partition(":")
        return self.services.auth.login(username, password)

    def emit(self, kind: str, **fields) -> None:
        with self.lock:
            sys.stdout.write(json.dumps({"t": time.time(), "kind": kind, **fields}, default=str) + "\n")
            sys.stdout.flush()

    # --- the counter --------------------------------------------------------------------------
    def settle_left_behind(self) -> None:
        """Jobs a killed predecessor left in the printer: written off (spoiled), the quota place freed."""
        for job in self.services.jobs.left_behind(self.station.id):
            if job.settleable:
                self.services.jobs.settle(self.supervisor, job.job_id, "spoiled")
                self.emit("settled", job=job.job_id)

    def confirm_boxes(self) -> None:
        for box in self.services.leases.incoming_ranges():
            count = self.services.leases.confirm_range(self.supervisor, box.id)
            self.emit("blanko_confirmed", first=box.first, last=box.last, count=count)

    def print_day(self) -> None:
        from desktop.errors import UserFacingError
        from desktop.services.issuance import PrintFailed, PrintRequest

        waiting = list(self.niks)
        refusals = 0
        while waiting and not self.stopping.is_set():
            self.confirm_boxes()
            nik = waiting.pop(0)
            spoil = self.rng.random() < self.args.spoil_rate
            if spoil:
                self.simulator.set_faults("cover_mid@1")
            if self.args.pace:  # the next citizen reaches the counter
                self.stopping.wait(max(0.0, self.args.pace - (time.perf_counter() - self._last_card)))
            started = self._last_card = time.perf_counter()
            try:
                result = self.services.issuance.print_card(self.operator, PrintRequest(nik, **LOST), self.printer)
                self.emit("printed", nik=nik, blanko=result.blanko_serial, seconds=time.perf_counter() - started)
                refusals = 0
            except PrintFailed as exc:
                self.simulator.clear_faults()  # the operator takes the spoiled card out
                self.emit("spoiled", nik=nik, blanko=exc.blanko_serial, consumed=exc.card_consumed)
                waiting.insert(0, nik)  # the citizen is still waiting
            except UserFacingError as exc:
                self.simulator.clear_faults()
                self.emit("refused", nik=nik, code=exc.code, why=str(exc)[:160])
                if "sudah dicetak hari ini" in str(exc) or exc.code == "nik_taken":
                    # Printed before this process was started (a kill -9 came in between), or the citizen
                    # is served at another counter of the hub (its claim answered first).
                    continue
                waiting.append(nik)
                refusals += 1
                self.poke.set()
                # Nothing to print with: wait for the background round, as a citizen would at the counter.
                self.stopping.wait(min(2.0, 0.1 * refusals))
                continue
            if self.services.leases.wants_renewal(self.station.served):
                self.poke.set()
        self.emit("day_over", left=len(waiting))

    # --- the background sync --------------------------------------------------------------------
    def sync_loop(self) -> None:

        while not self.stopping.is_set():
            self.poke.wait(self.args.sync_interval)
            self.poke.clear()
            self.round()

    def round(self) -> bool:
        from desktop.errors import UserFacingError

        self.emit("sync_start")
        try:
            report = self.services.sync.round()
        except UserFacingError as exc:
            self.emit("sync_failed", code=exc.code, why=str(exc)[:160])
            return False
        except Exception as exc:  # a program error: the run reports it (and this thread lives on)
            logging.getLogger("ktp.driver").exception("sync round crashed")
            self.emit("sync_crashed", error=repr(exc)[:300])
            return False
        self.emit("sync", pushed=report.pushed, pulled=report.pulled, batches=report.batches)
        return True

    def commands(self) -> None:
        for line in sys.stdin:
            if line.strip() == "stop":
                self.stopping.set()
                self.poke.set()
                return
        self.stopping.set()  # stdin closed: the orchestrator is gone

    def confirm_clock(self) -> None:
        """A clock put right after being wrong: the supervisor checks the date and confirms it."""
        from desktop.services.clock_confirm import confirm_clock
        from desktop.services.clock_guard import clock_problem

        if clock_problem(self.services.clock) is not None:
            confirm_clock(self.services.db, self.services.clock, self.supervisor)
            self.emit("clock_confirmed")

    def run(self) -> int:
        self.confirm_clock()
        self.settle_left_behind()
        threading.Thread(target=self.commands, name="commands", daemon=True).start()
        syncer = threading.Thread(target=self.sync_loop, name="sync", daemon=True)
        syncer.start()
        self.print_day()
        self.stopping.wait()
        syncer.join(60)
        self.services.close()
        self.emit("exit")
        return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="station_driver")
    parser.add_argument("--data-dir", required=True)
    parser.add_argument("--niks", required=True, help="JSON list of the NIKs this station serves today")
    parser.add_argument("--seed", type=int, required=True)
    parser.add_argument("--spoil-rate", type=float, default=0.03)
    parser.add_argument("--sync-interval", type=float, default=2.0)
    parser.add_argument("--pace", type=float, default=0.0, help="seconds from one citizen to the next (0: at once)")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.WARNING, stream=sys.stderr,
                        format="%(asctime)s %(threadName)s %(name)s %(levelname)s %(message)s")
    logging.getLogger("ktp.sync").setLevel(logging.INFO)  # why a round found the server unreachable
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    return Driver(args).run()


if __name__ == "__main__":
    sys.exit(main())
