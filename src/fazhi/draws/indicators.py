"""Indicators of the draws area."""
