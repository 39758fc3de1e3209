"""Indicators of the cases area."""
