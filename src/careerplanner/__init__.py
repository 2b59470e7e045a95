"""Career Planner: plan and track the way to a new role, offline and privately."""

__version__ = "0.1.0"
APP_NAME = "CareerPlanner"
APP_DISPLAY_NAME = "Career Planner"
