"""The main window's components: what the shell owns instead of inheriting (menus from the page
registry, the error presenter, the header's data, start-up checks, the unfinished-job question, the
regency link, the sign-in flow)."""
