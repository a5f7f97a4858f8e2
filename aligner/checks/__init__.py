"""The checks: each a small unit that reads a CheckContext and yields Findings.

registry.py lists them and runs them; base.py defines a check and its rule documentation;
severity.py turns a finding's confidence into its severity.
"""
