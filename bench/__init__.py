"""Benchmarks of KTP-el Mandiri: `python -m bench [NAME...] [--quick]` (see README.md)."""
