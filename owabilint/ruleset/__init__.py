"""Rule sets: loading rule files (loader), extending them from a configuration and user
rule packs (packs), checking rules against their own examples (examples) and the rule
catalogue (docs)."""
