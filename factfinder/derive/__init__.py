"""Cross-report steps as pure computations over records: claims and disputes, stories (fusion) and
actor identities. Nothing here runs SQL or imports the store; persisted state is read through small
protocols of plain-data reads (``stories.StoryTables``, ``identities.IdentityTables``) that
``store/`` implements, and changes come back as records ``store/`` writes. ``ingest.py`` wires them."""
