"""Who may do what: principals and roles, bearer tokens, and which organizations are centers."""
