"""Resource classes of ``AsyncConvilyn`` (one module each)."""
