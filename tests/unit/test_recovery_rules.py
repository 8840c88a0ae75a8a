"""The rules for print jobs left behind, without widgets (desktop/services/recovery.py): a supervisor or
admin is asked job by job, anyone else is told how many wait, and the answers are the outcomes that
`JobService.settle` records."""

from __future__ import annotations

from datetime import datetime

from desktop.services import recovery
from desktop.services.jobs import OUTCOMES, UnfinishedJob


def job(number: int) -> UnfinishedJob:
    return UnfinishedJob(job_id=f"job-{number}", nik=f"360306300898249{number}", name="SITI RAHMAWATI",
                         state="printing", printer_uri="sim://loket-1", blanko_serial=f"BLK-000000{number}",
                         operator="operator", started_at=datetime(2026, 12, 7, 1, 0))


def test_a_supervisor_and_an_admin_are_asked_about_each_job_in_turn(station):
    jobs = [job(1), job(2), job(3)]
    for user in (station.supervisor, station.admin):
        step = recovery.next_step(user, jobs)
        assert step.job == jobs[0] and step.rest == (jobs[1], jobs[2]) and step.waiting == 0
    last = recovery.next_step(station.supervisor, [jobs[2]])
    assert last.job == jobs[2] and last.rest == ()


def test_an_operator_is_only_told_how_many_wait_for_a_supervisor(station):
    step = recovery.next_step(station.operator, [job(1), job(2)])
    assert step.job is None and step.waiting == 2
    assert recovery.waiting_message(step.waiting).startswith("2 pencetakan terhenti saat aplikasi tertutup.")


def test_nothing_to_ask_without_jobs_or_without_a_user(station):
    assert recovery.next_step(station.supervisor, []) is None
    assert recovery.next_step(None, [job(1)]) is None


def test_the_answers_are_the_settle_outcomes_and_deciding_later_is_not_one():
    assert tuple(recovery.ANSWERS) == OUTCOMES
    assert recovery.LATER not in recovery.ANSWERS.values()


def test_the_question_names_the_citizen_the_blanko_and_the_printer():
    text = recovery.question(job(4), "Loket 1")
    assert text == ("Aplikasi tertutup saat mencetak KTP-el untuk SITI RAHMAWATI (NIK 3603063008982494) pada blanko "
                    "BLK-0000004 di Loket 1. Apa yang keluar dari printer?")
