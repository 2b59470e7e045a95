"""The main window: its menus, actions over the whole data folder, and its dialogs."""
