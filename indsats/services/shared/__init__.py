"""What every context uses: the service errors, the database handle, import-file reading, Danish validation messages."""
