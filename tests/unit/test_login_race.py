"""Log-in attempts started together: the throttle is taken before the password is checked.

Issue 19: 19 wrong passwords and the right one started at once were all checked and the right one got
in, because the lock was read before the slow hash. Here the attempts are real `ktp-mandiri` processes
(and one log-in in this process, as the GUI makes it); every argon2 call in every process is written
to a file by a `sitecustomize` module put on the processes' path.
"""

from __future__ import annotations

import sqlite3
import threading
import time
from collections import Counter
from pathlib import Path

import pytest
from argon2 import PasswordHasher

from desktop.clock import Clock
from desktop.composition import build_services
from desktop.errors import UserFacingError
from desktop.services import audit
from desktop.store.models import LoginThrottle
from tests.helpers.fixtures import PAMULANG
from tests.helpers.processes import cli_env, start_cli
from tests.unit.test_login_throttle import _attempt as _answer

RIGHT, WRONG = "sandi-kepala-2026", "salah-sandi"
WRONG_MESSAGE = "Nama pengguna atau kata sandi salah."
LOCKED_MESSAGE = "Terlalu banyak percobaan masuk yang gagal"

# Put on a process's path, this notes each argon2 hash and verification it makes (pid, call, parameters).
HOOK = '''
import os
from argon2 import PasswordHasher

_verify, _hash = PasswordHasher.verify, PasswordHasher.hash


def _note(call, text):
    with open(os.environ["KTP_TEST_ARGON2_LOG"], "a", encoding="ascii") as log:
        log.write(f"{os.getpid()} {call} {text}\\n")


def verify(self, hash, password):
    _note("verify", "$".join(str(hash).split("$")[:4]))
    return _verify(self, hash, password)


def hash(self, password, *args, **kwargs):
    _note("hash", "-")
    return _hash(self, password, *args, **kwargs)


PasswordHasher.verify, PasswordHasher.hash = verify, hash
'''


class NotingHasher(PasswordHasher):
    """The real hasher, writing its calls to the same file as the processes' hook (this process's log-ins)."""

    def __init__(self, log: Path, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.log = log

    def verify(self, hash, password):
        with self.log.open("a", encoding="ascii") as log:
            log.write(f"in-process verify {'$'.join(str(hash).split('$')[:4])}\n")
        return super().verify(hash, password)


def _station(tmp_path: Path) -> tuple[Path, Path, dict[str, str]]:
    """A station whose admin has a production-strength hash, the argon2 call log, and the processes' environment."""
    data, hooks, log = tmp_path / "data", tmp_path / "hooks", tmp_path / "argon2.log"
    services = build_services(data, clock=Clock())
    admin = services.auth.create_first_admin("kepala", "Kepala Seksi", RIGHT)
    services.stations.setup(admin, PAMULANG)
    services.close()
    hooks.mkdir()
    (hooks / "sitecustomize.py").write_text(HOOK)
    log.write_text("")
    env = cli_env(PYTHONPATH=str(hooks), KTP_TEST_ARGON2_LOG=str(log))
    return data, log, env


def _users_list(data: Path, env: dict[str, str], user: str, password: str):
    return start_cli(data, "users", "list", "--user", user, env={**env, "KTP_MANDIRI_PASSWORD": password})


def _throttle(data: Path, username: str) -> tuple[int, str | None]:
    """The name's counted attempts and lock end, read as another process would."""
    conn = sqlite3.connect(data / "ktp-mandiri.sqlite3", timeout=10)
    try:
        row = conn.execute("SELECT failures, locked_until FROM login_throttle WHERE username = ?",
                           (username,)).fetchone()
    finally:
        conn.close()
    return row or (0, None)


def _finished(procs) -> list[tuple[int, str]]:
    errors = [proc.communicate(timeout=180)[1].strip() for proc in procs]
    return [(proc.returncode, error) for proc, error in zip(procs, errors, strict=True)]


def _wait(condition, procs, timeout: float = 120) -> None:
    """Poll the database (another process's state) until `condition`; fail if every process ended first."""
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline or all(p.poll() is not None for p in procs):
            raise AssertionError("the wrong passwords never filled the count: " + repr(_finished(procs)))
        time.sleep(0.02)


@pytest.mark.slow
def test_twenty_processes_and_the_app_check_five_passwords_and_the_right_one_stays_out(tmp_path):
    data, log, env = _station(tmp_path)
    services = build_services(data, clock=Clock(), hasher=NotingHasher(log))
    answers: list[str] = []

    def in_app() -> None:  # the GUI's log-in runs on the database worker, not on the GUI thread
        try:
            services.auth.login("kepala", WRONG)
        except UserFacingError as exc:
            answers.append(str(exc))

    wrong = [_users_list(data, env, "kepala", WRONG) for _ in range(19)]
    app = threading.Thread(target=in_app)
    app.start()
    # The right password comes while the wrong ones are being checked, once five attempts are counted
    # (before the fix all 19 were checked and the right one got in).
    _wait(lambda: _throttle(data, "kepala")[0] >= 5 or _throttle(data, "kepala")[1] is not None, wrong)
    right = _users_list(data, env, "kepala", RIGHT)
    results = _finished([*wrong, right])
    app.join(timeout=120)

    verified = [line for line in log.read_text().splitlines() if " verify " in line]
    # 20 wrong passwords: the fifth failure locks the name, so exactly five are checked, in any process.
    assert len(verified) == 5, verified
    assert [code for code, _ in results] == [1] * 20, results
    assert LOCKED_MESSAGE in results[-1][1]  # the right password, refused without being checked
    messages = Counter("locked" if LOCKED_MESSAGE in text else text.removeprefix("ktp-mandiri: ")
                       for text in [*(err for _, err in results), *answers])
    # A checked attempt that fails after five were counted (itself and those still being checked) locks the name.
    assert set(messages) <= {WRONG_MESSAGE, "locked"} and messages[WRONG_MESSAGE] <= 4, messages
    assert len(audit.recent(50, action="login.failed")) == 5
    assert len(audit.recent(50, action="login.refused_locked")) == 16
    assert LoginThrottle.get_by_id("kepala").locked_until is not None
    services.close()


class GateHasher(PasswordHasher):
    """Light argon2 whose check of one password waits at a gate, so that a test decides what happens meanwhile."""

    def __init__(self, held: str) -> None:
        super().__init__(time_cost=1, memory_cost=1024)
        self.held, self.entered, self.gate = held, threading.Event(), threading.Event()
        self.verified: list[str] = []
        self.hashed = 0

    def verify(self, hash, password):
        self.verified.append(password)
        if password == self.held:
            self.entered.set()
            assert self.gate.wait(30)
        return super().verify(hash, password)

    def hash(self, password, *args, **kwargs):
        self.hashed += 1
        return super().hash(password, *args, **kwargs)


def _gated_station(tmp_path):
    from tests.helpers.fixtures import make_station

    st = make_station(tmp_path)
    hasher = GateHasher(held="operator123")
    st.services.auth._hasher = hasher
    return st, hasher


def _in_thread(auth, username: str, password: str) -> tuple[threading.Thread, list[str]]:
    out: list[str] = []
    thread = threading.Thread(target=lambda: out.append(_answer(auth, username, password)))
    thread.start()
    return thread, out


def test_a_lock_set_while_the_right_password_is_checked_keeps_it_out(tmp_path):
    st, hasher = _gated_station(tmp_path)
    auth = st.services.auth
    assert _answer(auth, "operator", "salah-1") == WRONG_MESSAGE
    right, answer = _in_thread(auth, "operator", "operator123")
    assert hasher.entered.wait(30)  # counted, and being checked
    # Three more failures: with the one before and the attempt still being checked, five are counted.
    tail = [_answer(auth, "operator", f"salah-{n}") for n in (2, 3, 4)]
    assert tail[:2] == [WRONG_MESSAGE] * 2 and LOCKED_MESSAGE in tail[2]
    assert LOCKED_MESSAGE in _answer(auth, "operator", "salah-5")  # not checked at all
    hasher.gate.set()
    right.join(30)
    assert LOCKED_MESSAGE in answer[0]
    assert hasher.verified == ["salah-1", "operator123", "salah-2", "salah-3", "salah-4"]
    assert audit.recent(5, action="login") == []
    st.services.close()


def test_a_right_password_checked_while_three_others_fail_gets_in_and_the_count_starts_again(tmp_path):
    st, hasher = _gated_station(tmp_path)
    auth = st.services.auth
    right, answer = _in_thread(auth, "operator", "operator123")
    assert hasher.entered.wait(30)
    assert [_answer(auth, "operator", f"salah-{n}") for n in (1, 2, 3)] == [WRONG_MESSAGE] * 3
    hasher.gate.set()
    right.join(30)
    assert answer == [""]
    assert LoginThrottle.get_or_none(LoginThrottle.username == "operator") is None  # a success resets the count
    st.services.close()


def test_an_unknown_name_runs_the_same_single_verification_and_hashes_nothing(tmp_path):
    """The dummy hash is built, not hashed: an unknown name costs one argon2 verification, as a known one."""
    st, hasher = _gated_station(tmp_path)
    auth = st.services.auth
    for name in ("operator", "tidak.ada", "nobody.else"):
        assert _answer(auth, name, "salah-sandi") == WRONG_MESSAGE
    assert hasher.hashed == 0 and len(hasher.verified) == 3
    stored = st.services.db.execute_sql("SELECT password_hash FROM user WHERE username = 'operator'").fetchone()[0]
    assert auth._dummy_hash.split("$")[:4] == stored.split("$")[:4]  # algorithm and cost parameters
    assert auth._dummy_hash.split("$")[4:] != stored.split("$")[4:]
    st.services.close()


def test_every_command_line_process_checks_an_unknown_name_as_a_known_one(tmp_path):
    """Each process has its own dummy hash: making it must not cost a hash per process (it did: 1,202 vs
    606 ms per command). The timing itself is in bench/bench_login.py."""
    data, log, env = _station(tmp_path)
    procs = {name: _users_list(data, env, name, WRONG) for name in ("kepala", "tidak.ada")}
    results = dict(zip(procs, _finished(list(procs.values())), strict=True))
    assert results == {name: (1, f"ktp-mandiri: {WRONG_MESSAGE}") for name in procs}
    calls = [line.split(" ", 2) for line in log.read_text().splitlines()]
    by_process = Counter((pid, call) for pid, call, _ in calls)
    pids = {pid for pid, _, _ in calls}
    assert len(pids) == 2
    assert by_process == {(pid, "verify"): 1 for pid in pids}  # no hash(), one verify() in each
    assert len({params for _, _, params in calls}) == 1  # the same algorithm and parameters


def test_an_account_deactivated_while_its_password_is_checked_stays_out(tmp_path):
    from desktop.store.models import User

    st, hasher = _gated_station(tmp_path)
    right, answer = _in_thread(st.services.auth, "operator", "operator123")
    assert hasher.entered.wait(30)
    User.update(active=False).where(User.username == "operator").execute()
    hasher.gate.set()
    right.join(30)
    assert answer == [WRONG_MESSAGE]
    assert audit.recent(1)[0].action == "login.failed"
    st.services.close()
