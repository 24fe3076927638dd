"""Case files: legal mapping of facts and claims to Rome Statute elements, cases, dossiers."""
