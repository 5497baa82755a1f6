"""``python -m indsats …``: the same command line as ``indsats …`` (the server starts its worker this way)."""

from indsats.cli import main

main()
