"""`python -m reseau_tui` runs the same command as `reseau`."""

from reseau_tui.cli.main import main

raise SystemExit(main())
