"""The `reseau` command: porcelain for people, `--json` for scripts, meaningful exit codes."""
