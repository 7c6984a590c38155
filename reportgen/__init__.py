"""reportgen: Arabic news articles in, HTML, PDF and DOCX briefings out."""

from pathlib import Path

__version__ = "0.1.0"

# The installed package's root: theme, data and CI templates are package data beside the stage packages.
PACKAGE_DIR = Path(__file__).resolve().parent
