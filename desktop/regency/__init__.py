"""The regency mode (`ktp-mandiri --regency URL`): the desktop as a client of the regency server's admin
API only. Nothing here opens station data or touches a printer (tests/gui/test_regency_mode.py)."""
