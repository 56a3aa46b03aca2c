"""The message catalogue's texts, by where they are said; `kimsite.i18n.messages` joins them."""
