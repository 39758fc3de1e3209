"""法治 (Fazhi): the rule-of-law work platform of a health commission."""
