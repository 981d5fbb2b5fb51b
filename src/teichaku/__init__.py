"""teichaku: survey analysis and practice tools for 就労定着支援 (employment retention support)."""

__version__ = "0.1.0"
