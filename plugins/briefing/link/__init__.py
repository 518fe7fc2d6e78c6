"""What needs the whole site: actor identity across briefings, related, co-occurrence, site timelines, overrides, review."""
