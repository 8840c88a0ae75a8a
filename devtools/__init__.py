"""Developer tools beside dev.py: never shipped in the station bundle or the server package."""
