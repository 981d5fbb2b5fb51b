"""The `teichaku` command line: every command calls the functional core, never the reverse."""

from __future__ import annotations

import click

from teichaku import __version__


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="teichaku")
def main() -> None:
    """teichaku — 就労定着支援の調査と実践のためのツール."""


def _register() -> None:
    # Imported here so that `teichaku --help` stays fast and each area owns its commands.
    from teichaku.cli.analyze import analyze
    from teichaku.cli.coding import coding
    from teichaku.cli.instrument import instrument
    from teichaku.cli.responses import responses
    from teichaku.cli.retention import retention
    from teichaku.cli.web import manage, serve

    main.add_command(analyze)
    main.add_command(coding)
    main.add_command(instrument)
    main.add_command(responses)
    main.add_command(retention)
    main.add_command(manage)
    main.add_command(serve)


_register()
