"""The Roadmap tab: phases and tutorials, their status, notes, links and own tutorials."""
