"""A supervisor is reminded to take a copy off the PC (issue 19, item 2): never taken on a station over
7 days old, or taken over 7 days ago; `ktp-mandiri backup --out` starts the 7 days again."""

from __future__ import annotations

from datetime import timedelta

from desktop.services.backup_reminder import backup_reminder, backup_taken
from tests.helpers.fixtures import make_station
from tests.helpers.processes import run_cli


def test_a_new_station_is_not_reminded_yet_an_older_one_without_a_copy_is(tmp_path):
    st = make_station(tmp_path)
    set_up = st.clock.now_utc()  # the station's first audit entries (naive UTC)
    try:
        assert backup_reminder(st.services.data_dir, set_up + timedelta(days=6, hours=23)) is None
        sentence = backup_reminder(st.services.data_dir, set_up + timedelta(days=8))
        assert sentence.startswith("Belum pernah ada salinan database dengan 'ktp-mandiri backup --out'.")
    finally:
        st.services.close()


def test_a_copy_taken_with_backup_out_starts_the_seven_days_again(tmp_path):
    st = make_station(tmp_path)
    data = st.services.data_dir
    st.services.close()
    done = run_cli(data, "backup", "--out", str(tmp_path / "flashdisk.sqlite3"))
    assert done.returncode == 0, done.stderr
    taken = backup_taken(data)
    assert taken is not None
    assert backup_reminder(data, taken + timedelta(days=7)) is None
    later = backup_reminder(data, taken + timedelta(days=9, hours=1))
    assert later.startswith("Salinan database terakhir dengan 'ktp-mandiri backup --out' dibuat 9 hari lalu.")
