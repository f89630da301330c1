"""factcli: answers questions about a country's foreign relations from TOML fact files."""

__version__ = "3.0.0"
