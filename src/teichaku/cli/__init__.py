"""The `teichaku` command line: every command calls the functional core, never the reverse.

Subcommands are imported only when they run (click's lazy-group pattern), so that
`teichaku retention …` does not pay for importing Django, matplotlib or scikit-learn.
"""

from __future__ import annotations

import importlib

import click

from teichaku import __version__

# name → "module:attribute" of each area's click command or group.
COMMANDS = {
    "analyze": "teichaku.cli.analyze:analyze",
    "api": "teichaku.cli.api:api",
    "backup": "teichaku.cli.operations:backup",
    "check": "teichaku.cli.operations:check",
    "coding": "teichaku.cli.coding:coding",
    "instrument": "teichaku.cli.instrument:instrument",
    "manage": "teichaku.cli.web:manage",
    "office": "teichaku.cli.operator:office",
    "practices": "teichaku.cli.practices:practices",
    "responses": "teichaku.cli.responses:responses",
    "restore": "teichaku.cli.operations:restore",
    "retention": "teichaku.cli.retention:retention",
    "serve": "teichaku.cli.web:serve",
    "setup": "teichaku.cli.operator:setup",
    "team": "teichaku.cli.operator:team",
    "worker": "teichaku.cli.operations:worker",
    "waves": "teichaku.cli.waves:waves",
}


class LazyGroup(click.Group):
    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(COMMANDS)

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        target = COMMANDS.get(cmd_name)
        if target is None:
            return None
        module, attribute = target.split(":")
        command = getattr(importlib.import_module(module), attribute)
        if not isinstance(command, click.Command):
            raise TypeError(f"{target} is not a click command")
        return command


@click.group(cls=LazyGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="teichaku")
def main() -> None:
    """teichaku — 就労定着支援の調査と実践のためのツール."""
