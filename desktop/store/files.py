"""The names of the files and folders the station keeps in its data folder, in one place."""

from __future__ import annotations

DB_FILENAME = "ktp-mandiri.sqlite3"
JOURNAL_FILENAME = "ktp-mandiri.journal"  # outcomes the database could not take (desktop/store/journal.py)
HEAD_FILENAME = "ktp-mandiri.head"  # the audit head last reached (desktop/services/head_mark.py)
LOG_FILENAME = "ktp-mandiri.log"
LOCK_DIRNAME = "jobs"  # one lock file per running print (desktop/store/joblocks.py)
BACKUP_TAKEN_FILENAME = "ktp-mandiri.backup-taken"  # when `backup --out` last copied the database (UTC)
