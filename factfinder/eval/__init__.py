"""Evaluation: scores extraction against gold files. See docs/evaluation.md."""
