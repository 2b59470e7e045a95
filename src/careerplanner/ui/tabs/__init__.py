"""One module per tab. Each tab takes the Store, the AppEvents and the path id."""
