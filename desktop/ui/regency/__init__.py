"""The regency mode's window (`ktp-mandiri --regency URL`): a shell over the regency pages of the page
registry, signed in against the server. It opens no station data and loads nothing that prints."""
