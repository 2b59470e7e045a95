"""The Overview tab: progress, next steps, gaps, due questions, activity."""
