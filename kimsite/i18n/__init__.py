"""Every sentence kimsite says to a person, in Indonesian and English.

- `catalogue/`: kimsite's own sentences by message id, one file per place they are said;
- `messages`: looks an id up and fills in its values, in the reader's language;
- `foreign`: other libraries' words (Jinja, argparse) said in Indonesian.

The ground floor: it imports nothing of kimsite.
"""
