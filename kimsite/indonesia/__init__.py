"""Indonesia as data and conventions: the Kemendagri region codes and names (`regions`),
slugs, dates and zones, Rupiah and phone numbers (`conventions`).

The ground floor beside `i18n`: it imports nothing of kimsite.
"""
