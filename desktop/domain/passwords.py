"""Password rules shared by the station and the regency server."""

from __future__ import annotations

MIN_PASSWORD_LENGTH = 8  # a station account's, and a regency user's that flows to the stations
