"""Plumbing of the MSX validation suite: settings, auth, recording, naming, cleanup."""
