"""aligner: find what a German translation drops, adds, mistranslates or leaves in English.

The pipeline, one module per step: read -> split -> embed -> align -> checks -> report.
"""

__version__ = "0.1.0"
