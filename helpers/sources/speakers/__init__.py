"""Speakers: who a speaker phrase next to a quote or cue verb is."""
