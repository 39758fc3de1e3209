"""Indicators of the enforcement area."""
