"""The Study Plan tab: plan settings, the schedule, reading list and exports."""
