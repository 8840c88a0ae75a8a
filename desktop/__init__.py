"""KTP-el Mandiri: the print station."""


def version() -> str:
    """The installed version (pyproject.toml's), for `--version` and the About box."""
    from importlib import metadata

    try:
        return metadata.version("ktp-mandiri")
    except metadata.PackageNotFoundError:  # a copy that was never installed (pip install .)
        return "0+dev"
