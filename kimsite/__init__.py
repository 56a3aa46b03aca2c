"""kimsite: one repository in, every KIM website of a province out."""

__version__ = "0.1.0"
