"""The checks: each a small unit that reads a CheckContext and yields Findings (STUB)."""
