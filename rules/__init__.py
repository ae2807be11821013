"""Rule registry."""
