"""`python -m factfinder.cli ...` runs the `factfinder` command."""

from . import main

main()
