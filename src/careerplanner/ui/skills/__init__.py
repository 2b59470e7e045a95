"""The Skills tab: self-assessment, radar, snapshots and history, gaps."""
