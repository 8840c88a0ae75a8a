"""GUI tests: what the user is told is recorded and checked (tests/helpers/messages.py)."""

from tests.helpers.messages import expect_log, expect_message, told  # noqa: F401 - fixtures
