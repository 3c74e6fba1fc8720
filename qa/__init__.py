"""qa: translation and terminology QA for machine-translated news text."""

__version__ = "0.1.0"
