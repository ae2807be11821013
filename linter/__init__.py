"""layerlint: a Dockerfile linter that understands image layers."""

__version__ = "0.1.0"
