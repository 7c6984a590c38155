"""reportgen: Arabic news articles in, HTML and PDF briefings out."""

__version__ = "0.1.0"
