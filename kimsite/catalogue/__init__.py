"""The message catalogue's texts, by where they are said; `kimsite.messages` joins them."""
