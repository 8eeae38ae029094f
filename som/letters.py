"""A listing filed A–Z (the directories of people and organisations): the letter a name is filed
under, the jump list over every page of the filtered results, and the groups on one page. The
template is components/letter_nav.html."""

import string
import unicodedata

ALPHABET = string.ascii_uppercase


def sort_letter(name):
    """The letter a name is filed under: 'Ödemir' → 'O', '’t Stekske' → 'T', 'GO! CLB' → 'G',
    '3D-lab' → '#'."""
    for char in unicodedata.normalize("NFKD", (name or "").strip()):
        if char.isalpha():
            letter = char.upper()
            return letter if letter in ALPHABET else "#"
        if char.isdigit():
            return "#"
    return "#"


def anchor_for(letter):
    return "letter-overig" if letter == "#" else f"letter-{letter.lower()}"


def letter_index(listing, field):
    """The A–Z jump list for the filtered results (a som.listing.Listing sorted by `field`): for
    each letter whether anything is filed under it and on which page of the results the first
    of them appears. Reads one column of the results, not the pages, and that once per content
    version and filter combination (Listing.counted)."""

    def first_positions():
        found = {}
        for position, name in enumerate(listing.results.values_list(field, flat=True)):
            found.setdefault(sort_letter(name), position)
        return found

    first_position = listing.counted(f"letters:{field}", first_positions)
    letters = []
    for letter in [*ALPHABET, "#"]:
        position = first_position.get(letter)
        if letter == "#" and position is None:
            continue
        letters.append(
            {
                "letter": letter,
                "anchor": anchor_for(letter),
                "page": None if position is None else position // listing.per_page + 1,
            }
        )
    return letters


def group_by_letter(items, field):
    """[(letter, anchor, [item, …]), …] for the items on this page, in order."""
    groups = []
    anchors = set()
    for item in items:
        letter = sort_letter(getattr(item, field))
        if not groups or groups[-1][0] != letter:
            anchor = anchor_for(letter)
            # A letter can come back when the database sorts accents differently: one id only.
            groups.append((letter, None if anchor in anchors else anchor, []))
            anchors.add(anchor)
        groups[-1][2].append(item)
    return groups
