"""Use cases: what the CLI and the TUI do to the network, in the product's words."""
