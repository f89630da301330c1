"""python -m factcli"""

from factcli.cli import run

run()
