"""Output formats. Each is a Reporter class contributed through the `healthlint_reporters` hook."""
