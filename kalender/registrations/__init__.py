"""Inschrijvingen: registering for an event on the site (places, waiting list, e-mails).

- models.py: the registration, the event's own extra questions (Wagtail's form builder fields).
- places.py: the one place that decides who gets a place: register, cancel, promote — under a
  row lock on the event, so places are never oversold, also with several app servers.
- forms.py, views.py: /kalender/<event>/inschrijven/ and the personal page /inschrijving/<token>/.
- mails.py: confirmation (with the event as .ics), promotion, reminder, changed or cancelled event.
- viewsets.py: the admin listing per event with export; the dashboard counts.
"""
