"""The states of a print job, as stored in `print_job.state` (the values are the stored strings).

A job is `queued` once its blanko and quota place are reserved, `sending` from the moment the first
byte may go to the printer, `printing` while the printer works, and ends `done` (the card issued) or
`failed` (the blanko spoiled or back in stock). While it is in progress it holds its blanko, its
quota place and its citizen's NIK.
"""

from __future__ import annotations

from enum import StrEnum


class JobState(StrEnum):
    QUEUED = "queued"
    SENDING = "sending"
    PRINTING = "printing"
    DONE = "done"
    FAILED = "failed"


IN_PROGRESS = (JobState.QUEUED, JobState.SENDING, JobState.PRINTING)
