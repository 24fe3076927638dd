"""Cross-report steps that are pure computations over records: claims and disputes."""
