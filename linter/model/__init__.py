"""Semantic model."""
