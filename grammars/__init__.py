"""Grammar files shipped as package data (see README.md in this folder)."""
